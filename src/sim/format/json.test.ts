import { describe, expect, it } from 'vitest';
import { asList, goFloatString, goJsonMarshal, toKubectlJson } from './json';

describe('toKubectlJson', () => {
  it('indents by four spaces, sorts keys and ends with a newline', () => {
    expect(toKubectlJson({ kind: 'Service', apiVersion: 'v1', spec: { ports: [{ port: 80 }], selector: {} } })).toBe(
      '{\n' +
        '    "apiVersion": "v1",\n' +
        '    "kind": "Service",\n' +
        '    "spec": {\n' +
        '        "ports": [\n' +
        '            {\n' +
        '                "port": 80\n' +
        '            }\n' +
        '        ],\n' +
        '        "selector": {}\n' +
        '    }\n' +
        '}\n',
    );
  });

  it('wraps several objects in a List with an empty resourceVersion', () => {
    expect(toKubectlJson(asList([]))).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    );
  });
});

describe('goJsonMarshal', () => {
  it('escapes <, > and & the way encoding/json does', () => {
    expect(goJsonMarshal({ a: '<none> & more' })).toBe('{"a":"\\u003cnone\\u003e \\u0026 more"}');
  });

  it('prints compact JSON with no spaces', () => {
    expect(goJsonMarshal([{ b: 1, a: [true, null] }])).toBe('[{"a":[true,null],"b":1}]');
  });
});

describe('goFloatString', () => {
  it('switches to exponent form the way strconv does', () => {
    expect(goFloatString(0.00001, 21)).toBe('1e-05');
    expect(goFloatString(0.0001, 21)).toBe('0.0001');
    expect(goFloatString(1234567.5, 6)).toBe('1.2345675e+06');
    expect(goFloatString(1234567.5, 21)).toBe('1234567.5');
    expect(goFloatString(0.5, 6)).toBe('0.5');
  });
});
