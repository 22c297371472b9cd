import { describe, expect, it } from 'vitest';
import { JsonPathError } from './jsonpath';
import { jsonPathExecuteErrorText, jsonPathParseErrorText } from './jsonpathErrors';

describe('jsonPathParseErrorText', () => {
  it('puts the raw template and the parser error on one line', () => {
    expect(jsonPathParseErrorText('{.spec', new JsonPathError('unclosed action', 'parse'))).toBe(
      'error: error parsing jsonpath {.spec, unclosed action\n',
    );
  });
});

describe('jsonPathExecuteErrorText', () => {
  it('quotes the template and dumps the object Go-style', () => {
    const err = new JsonPathError('array index out of bounds: index 5, length 1', 'execute');
    expect(jsonPathExecuteErrorText('{.a[5]}', err, { a: ['x'], b: 1, c: null })).toBe(
      'error: error executing jsonpath "{.a[5]}": Error executing template: array index out of bounds: index 5, length 1. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n' +
        '\t\t{.a[5]}\n' +
        '\tobject given to jsonpath engine was:\n' +
        '\t\tmap[string]interface {}{"a":[]interface {}{"x"}, "b":1, "c":interface {}(nil)}\n' +
        '\n' +
        '\n',
    );
  });
});
