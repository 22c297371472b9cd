/**
 * `kubectl certificate approve|deny NAME...` (kubectl pkg/cmd/certificates): for each request,
 * GET it, add the Approved (or Denied) condition unless it has it (or refuse when it has the other
 * one), and PUT the approval subresource, which the API server authorizes as `update` on
 * certificatesigningrequests/approval and then, in its approval admission, as `approve` on the
 * signer. Prints `certificatesigningrequest.certificates.k8s.io/NAME approved` per request.
 */
import { rfc3339 } from '../../format/duration';
import { authorize } from '../../rbac/authorizer';
import { approvalForbidden, signerNames, withDecision } from '../../certificates/csr';
import { bool, type FlagDef } from './flags';
import { KubectlError, type Kubectl } from './context';

export const CERTIFICATE_FLAGS: FlagDef[] = [
  { name: 'force', type: 'bool', description: 'Update the CSR even if it is already approved.' },
  { name: 'output', short: 'o', type: 'string', description: 'Output format.' },
  { name: 'filename', short: 'f', type: 'stringArray', description: 'identifying the resource to update' },
];

export function runCertificate(k: Kubectl): number {
  const [sub, ...names] = k.parsed.args;
  if (sub !== 'approve' && sub !== 'deny') {
    if (sub === undefined) {
      k.out(
        'Modify certificate resources.\n\nAvailable Commands:\n  approve       Approve a certificate signing request\n  deny          Deny a certificate signing request\n\nUsage:\n  kubectl certificate SUBCOMMAND [options]\n\nUse "kubectl certificate <command> --help" for more information about a command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
      );
      return 0;
    }
    throw new KubectlError(`unknown command "${sub}" for "kubectl certificate"`);
  }
  if (k.parsed.flags.get('filename')) throw new KubectlError('netlab: kubectl certificate -f is not emulated');
  if (names.length === 0) throw new KubectlError('one or more CSRs must be specified as <name> or -f <filename>');
  const output = k.parsed.flags.get('output');
  const word = sub === 'approve' ? 'approved' : 'denied';
  for (const name of names) {
    const csr = k.cluster.mustGet('certificatesigningrequests', undefined, name);
    const decided = withDecision(csr, sub, rfc3339(k.now));
    if ('error' in decided) throw new KubectlError(decided.error);
    if (!decided.already || bool(k.parsed, 'force')) {
      // PUT .../certificatesigningrequests/NAME/approval, then the CertificateApproval admission plugin.
      k.authorize({
        verb: 'update',
        apiGroup: 'certificates.k8s.io',
        resource: 'certificatesigningrequests',
        subresource: 'approval',
        namespace: '',
        name,
      });
      const signer = String(csr.spec?.signerName ?? '');
      const cluster = k.ctx.emulator.cluster;
      const allowed = signerNames(signer).some(
        (n) =>
          authorize(cluster, k.user, {
            // Approving and denying both need `approve` on the signer.
            verb: 'approve',
            apiGroup: 'certificates.k8s.io',
            resource: 'signers',
            namespace: '',
            name: n,
          }).allowed,
      );
      if (!allowed) throw approvalForbidden(csr);
      cluster.write(decided.csr);
      cluster.reconcile();
    }
    k.out(
      output === 'name'
        ? `certificatesigningrequest.certificates.k8s.io/${name}\n`
        : `certificatesigningrequest.certificates.k8s.io/${name} ${word}\n`,
    );
  }
  return 0;
}
