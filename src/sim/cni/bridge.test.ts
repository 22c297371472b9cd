import { describe, expect, it } from 'vitest';
import { masqChainName } from './bridge';
import { hostVethName } from './aws-vpc-cni';

describe('CNI names', () => {
  it('names the bridge ipMasq chain of mynet/c0ffee01 CNI-7acf3bcf10978b059887025b', () => {
    expect(masqChainName('mynet', 'c0ffee01')).toBe('CNI-7acf3bcf10978b059887025b');
  });
  it('names the VPC CNI host veth of default/web-0 eni0d7763386da', () => {
    expect(hostVethName('default', 'web-0')).toBe('eni0d7763386da');
  });
});
