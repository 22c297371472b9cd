/**
 * The AWS CLI's output formats against the real CLI: the input is the documented
 * `aws ec2 describe-instance-types --instance-types t2.micro` response (awscli/examples/ec2/
 * describe-instance-types.rst), and each expected text was printed by awscli's own formatters
 * (TableFormatter, TextFormatter, JSONFormatter, with --color off) after jmespath.py evaluated the query.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { search, type JSONValue } from '@jmespath-community/jmespath';
import { formatJson, formatTable, formatText, type Json } from './output';

const doc = JSON.parse(readFileSync(new URL('./t2micro.json', import.meta.url), 'utf8')) as Json;

function render(output: string, query: string | null): string {
  const data = query === null ? doc : (search(doc as JSONValue, query) as Json);
  if (output === 'json') return formatJson(data);
  if (output === 'text') return formatText(data);
  return formatTable('DescribeInstanceTypes', data);
}

describe('aws --output', () => {
  it('prints text for the whole response', () => {
    expect(render('text', null)).toBe(
      'INSTANCETYPES\tTrue\tFalse\tTrue\tTrue\tFalse\tTrue\tFalse\txen\tFalse\tt2.micro\nEBSINFO\tunsupported\tsupported\nMEMORYINFO\t1024\nNETWORKINFO\tunsupported\t2\t2\tTrue\t2\tLow to Moderate\nSUPPORTEDSTRATEGIES\tpartition\nSUPPORTEDSTRATEGIES\tspread\nPROCESSORINFO\t2.5\nSUPPORTEDARCHITECTURES\ti386\nSUPPORTEDARCHITECTURES\tx86_64\nSUPPORTEDROOTDEVICETYPES\tebs\nSUPPORTEDUSAGECLASSES\ton-demand\nSUPPORTEDUSAGECLASSES\tspot\nVCPUINFO\t1\t1\t1\nVALIDCORES\t1\nVALIDTHREADSPERCORE\t1\n',
    );
  });

  it('prints table for the whole response', () => {
    expect(render('table', null)).toBe(
      '------------------------------------------------------\n|                DescribeInstanceTypes               |\n+----------------------------------------------------+\n||                   InstanceTypes                  ||\n|+------------------------------------+-------------+|\n||  AutoRecoverySupported             |  True       ||\n||  BareMetal                         |  False      ||\n||  BurstablePerformanceSupported     |  True       ||\n||  CurrentGeneration                 |  True       ||\n||  DedicatedHostsSupported           |  False      ||\n||  FreeTierEligible                  |  True       ||\n||  HibernationSupported              |  False      ||\n||  Hypervisor                        |  xen        ||\n||  InstanceStorageSupported          |  False      ||\n||  InstanceType                      |  t2.micro   ||\n|+------------------------------------+-------------+|\n|||                     EbsInfo                    |||\n||+----------------------------+-------------------+||\n|||  EbsOptimizedSupport       |  unsupported      |||\n|||  EncryptionSupport         |  supported        |||\n||+----------------------------+-------------------+||\n|||                   MemoryInfo                   |||\n||+-----------------------------+------------------+||\n|||  SizeInMiB                  |  1024            |||\n||+-----------------------------+------------------+||\n|||                   NetworkInfo                  |||\n||+----------------------------+-------------------+||\n|||  EnaSupport                |  unsupported      |||\n|||  Ipv4AddressesPerInterface |  2                |||\n|||  Ipv6AddressesPerInterface |  2                |||\n|||  Ipv6Supported             |  True             |||\n|||  MaximumNetworkInterfaces  |  2                |||\n|||  NetworkPerformance        |  Low to Moderate  |||\n||+----------------------------+-------------------+||\n|||               PlacementGroupInfo               |||\n||+------------------------------------------------+||\n||||              SupportedStrategies             ||||\n|||+----------------------------------------------+|||\n||||  partition                                   ||||\n||||  spread                                      ||||\n|||+----------------------------------------------+|||\n|||                  ProcessorInfo                 |||\n||+--------------------------------------+---------+||\n|||  SustainedClockSpeedInGhz            |  2.5    |||\n||+--------------------------------------+---------+||\n||||            SupportedArchitectures            ||||\n|||+----------------------------------------------+|||\n||||  i386                                        ||||\n||||  x86_64                                      ||||\n|||+----------------------------------------------+|||\n|||            SupportedRootDeviceTypes            |||\n||+------------------------------------------------+||\n|||  ebs                                           |||\n||+------------------------------------------------+||\n|||              SupportedUsageClasses             |||\n||+------------------------------------------------+||\n|||  on-demand                                     |||\n|||  spot                                          |||\n||+------------------------------------------------+||\n|||                    VCpuInfo                    |||\n||+----------------------------------------+-------+||\n|||  DefaultCores                          |  1    |||\n|||  DefaultThreadsPerCore                 |  1    |||\n|||  DefaultVCpus                          |  1    |||\n||+----------------------------------------+-------+||\n||||                  ValidCores                  ||||\n|||+----------------------------------------------+|||\n||||  1                                           ||||\n|||+----------------------------------------------+|||\n||||              ValidThreadsPerCore             ||||\n|||+----------------------------------------------+|||\n||||  1                                           ||||\n|||+----------------------------------------------+|||\n',
    );
  });

  it('prints text for --query InstanceTypes[].[InstanceType, NetworkInfo.MaximumNetworkInterfaces, NetworkInfo.Ipv4AddressesPerInterface]', () => {
    expect(
      render(
        'text',
        'InstanceTypes[].[InstanceType, NetworkInfo.MaximumNetworkInterfaces, NetworkInfo.Ipv4AddressesPerInterface]',
      ),
    ).toBe('t2.micro\t2\t2\n');
  });

  it('prints table for --query InstanceTypes[].{Type: InstanceType, MaxENI: NetworkInfo.MaximumNetworkInterfaces, IPv4: NetworkInfo.Ipv4AddressesPerInterface}', () => {
    expect(
      render(
        'table',
        'InstanceTypes[].{Type: InstanceType, MaxENI: NetworkInfo.MaximumNetworkInterfaces, IPv4: NetworkInfo.Ipv4AddressesPerInterface}',
      ),
    ).toBe(
      '--------------------------------\n|     DescribeInstanceTypes    |\n+------+----------+------------+\n| IPv4 | MaxENI   |   Type     |\n+------+----------+------------+\n|  2   |  2       |  t2.micro  |\n+------+----------+------------+\n',
    );
  });

  it('prints table for --query InstanceTypes[0].ProcessorInfo.SupportedArchitectures', () => {
    expect(render('table', 'InstanceTypes[0].ProcessorInfo.SupportedArchitectures')).toBe(
      '-----------------------\n|DescribeInstanceTypes|\n+---------------------+\n|  i386               |\n|  x86_64             |\n+---------------------+\n',
    );
  });

  it('prints text for --query InstanceTypes[0].VCpuInfo', () => {
    expect(render('text', 'InstanceTypes[0].VCpuInfo')).toBe('1\t1\t1\nVALIDCORES\t1\nVALIDTHREADSPERCORE\t1\n');
  });

  it('prints json for --query InstanceTypes[].NetworkInfo.Ipv4AddressesPerInterface', () => {
    expect(render('json', 'InstanceTypes[].NetworkInfo.Ipv4AddressesPerInterface')).toBe('[\n    2\n]\n');
  });

  it('colours a table on a terminal as colorama does, a reset after every write and one at exit', () => {
    // Captured from awscli on a pty (script -qc): bright blue cells, colorama's autoreset after each write.
    const data = search(
      doc as JSONValue,
      'InstanceTypes[].[InstanceType, NetworkInfo.MaximumNetworkInterfaces]',
    ) as Json;
    expect(formatTable('DescribeInstanceTypes', data, { color: true })).toBe(
      '-----------------------\n\x1b[0m\x1b[0m|DescribeInstanceTypes|\x1b[0m\x1b[0m\n\x1b[0m\x1b[0m+--------------+------+\x1b[0m\x1b[0m\n\x1b[0m\x1b[0m|  \x1b[1m\x1b[34mt2.micro\x1b[0m    |  \x1b[1m\x1b[34m2\x1b[0m   |\x1b[0m\x1b[0m\n\x1b[0m\x1b[0m+--------------+------+\x1b[0m\x1b[0m\n\x1b[0m\x1b[0m',
    );
  });

  it('turns a single-row section into key/value rows when the table is wider than the terminal', () => {
    expect(formatTable('Op', { Alpha: 'x'.repeat(30), Beta: 'y'.repeat(30), Gamma: 'z'.repeat(30) })).toBe(
      '---------------------------------------------\n|                    Op                     |\n+-------+-----------------------------------+\n|  Alpha|  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx   |\n|  Beta |  yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy   |\n|  Gamma|  zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz   |\n+-------+-----------------------------------+\n',
    );
  });
});
