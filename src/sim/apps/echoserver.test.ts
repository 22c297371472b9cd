import { describe, expect, it } from 'vitest';
import { ECHOSERVER_OLD } from './echoserver';
import { KUBETM_APP } from './kubetm';
import type { AppContext } from './types';

const ctx: AppContext = {
  hostname: 'deploy-echo-7d9f8c6b5-q8m3z',
  interfaceIPs: [],
  clientIP: '10.10.0.5',
  clientPort: 40000,
  localIP: '10.10.1.3',
  localPort: 8080,
  now: 0,
};

describe('echoserver 1.5', () => {
  it('reports client values, server values, headers received and body', () => {
    const res = ECHOSERVER_OLD.http!(
      {
        method: 'GET',
        target: '/',
        headers: [
          ['Host', '10.200.1.80:9000'],
          ['User-Agent', 'curl/8.7.1'],
          ['Accept', '*/*'],
        ],
        body: '',
      },
      ctx,
    );
    expect(res.body).toBe(
      'CLIENT VALUES:\nclient_address=10.10.0.5\ncommand=GET\nreal path=/\nquery=nil\nrequest_version=1.1\nrequest_uri=http://10.200.1.80:8080/\n\nSERVER VALUES:\nserver_version=nginx: 1.10.0 - lua: 10001\n\nHEADERS RECEIVED:\naccept=*/*\nhost=10.200.1.80:9000\nuser-agent=curl/8.7.1\nBODY:\n-no body in request-\n',
    );
  });
});

describe('kubetm/app', () => {
  it("answers /hostname with the pod's name as the seed shows", () => {
    expect(
      KUBETM_APP.http!({ method: 'GET', target: '/hostname', headers: [], body: '' }, { ...ctx, hostname: 'pod9' })
        .body,
    ).toBe('Hostname : pod9\n');
  });
});
