import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABLE, formatTable, KubectlTableWriter, tabwriterGo } from './table';

describe('formatTable', () => {
  it('pads every column but the last to the longest cell plus three spaces', () => {
    const out = formatTable(
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      [
        ['web-7d9f8c6b5-q8m3z', '1/1', 'Running', '0', '5m2s'],
        ['web-7d9f8c6b5-x2k4p', '0/1', 'CrashLoopBackOff', '3 (41s ago)', '62s'],
      ],
    );
    expect(out).toBe(
      'NAME                  READY   STATUS             RESTARTS      AGE\n' +
        'web-7d9f8c6b5-q8m3z   1/1     Running            0             5m2s\n' +
        'web-7d9f8c6b5-x2k4p   0/1     CrashLoopBackOff   3 (41s ago)   62s\n',
    );
  });

  it('keeps a column at least six wide when its cells are short', () => {
    expect(formatTable(['A', 'B'], [['x', 'y']])).toBe('A     B\nx     y\n');
  });

  it('prints nothing, not even the header, for an empty table', () => {
    expect(formatTable(['NAME', 'AGE'], [])).toBe('');
  });

  it('prints rows without a header when the header is null', () => {
    expect(formatTable(null, [['kubernetes', '3d']])).toBe('kubernetes   3d\n');
  });

  it('measures widths in runes, not bytes', () => {
    expect(formatTable(['NAME', 'AGE'], [['héllo', '1s']])).toBe('NAME    AGE\nhéllo   1s\n');
  });

  it('cuts a multi-line cell at the line break and appends an ellipsis', () => {
    expect(formatTable(['NAME', 'MESSAGE'], [['a', 'first\nsecond']])).toBe('NAME   MESSAGE\na      first...\n');
  });

  it('lays out the service sample from the reference byte for byte', () => {
    const out = formatTable(
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      [
        ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '3d'],
        ['svc-clusterip', 'ClusterIP', '10.96.100.10', '<none>', '80/TCP', '12m'],
        ['web-np', 'NodePort', '10.96.7.21', '<none>', '80:30080/TCP', '2m30s'],
      ],
    );
    expect(out).toBe(
      'NAME            TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE\n' +
        'kubernetes      ClusterIP   10.96.0.1      <none>        443/TCP        3d\n' +
        'svc-clusterip   ClusterIP   10.96.100.10   <none>        80/TCP         12m\n' +
        'web-np          NodePort    10.96.7.21     <none>        80:30080/TCP   2m30s\n',
    );
  });
});

describe('tabwriterGo', () => {
  it('ends a column block at a line without tabs, as describe relies on', () => {
    const text =
      'Name:\tsvc\n' +
      'Subsets:\n' +
      '  Addresses:\t10.0.0.1\n' +
      '  NotReadyAddresses:\t<none>\n' +
      '\n' +
      'Events:\t<none>\n';
    expect(tabwriterGo(text, DESCRIBE_TABLE)).toBe(
      'Name:  svc\n' +
        'Subsets:\n' +
        '  Addresses:          10.0.0.1\n' +
        '  NotReadyAddresses:  <none>\n' +
        '\n' +
        'Events:  <none>\n',
    );
  });

  it('aligns the second column only across lines that all have it (the godoc example)', () => {
    const text = 'aaaa\tbbb\td\n' + 'aa\tb\tdd\n' + 'a\t\n' + 'aa\tcccc\teee\n';
    expect(tabwriterGo(text, { minwidth: 0, tabwidth: 8, padding: 1 })).toBe(
      'aaaa bbb d\n' + 'aa   b   dd\n' + 'a    \n' + 'aa   cccc eee\n',
    );
  });

  it('writes a trailing cell that has no line break', () => {
    expect(tabwriterGo('a\tb\nccc\td', DESCRIBE_TABLE)).toBe('a    b\nccc  d');
  });

  it('pads an empty tab-terminated cell to the column width', () => {
    expect(tabwriterGo('Labels:\ta=b\n\tc=d\n', DESCRIBE_TABLE)).toBe('Labels:  a=b\n         c=d\n');
  });
});

describe('KubectlTableWriter', () => {
  it('keeps later watch rows as wide as the table printed before', () => {
    const w = new KubectlTableWriter();
    expect(w.write(['NAME', 'READY', 'STATUS'], [['web-7d9f8c6b5-q8m3z', '0/1', 'ContainerCreating']])).toBe(
      'NAME                  READY   STATUS\n' + 'web-7d9f8c6b5-q8m3z   0/1     ContainerCreating\n',
    );
    expect(w.write(null, [['web-1', '1/1', 'Running']])).toBe('web-1                 1/1     Running\n');
  });

  it('widens a column when a later row is longer', () => {
    const w = new KubectlTableWriter();
    w.write(['NAME', 'AGE'], [['a', '1s']]);
    expect(w.write(null, [['a-much-longer-name', '2s']])).toBe('a-much-longer-name   2s\n');
  });
});
