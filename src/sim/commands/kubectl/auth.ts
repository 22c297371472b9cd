/**
 * `kubectl auth can-i` and `kubectl auth whoami` (kubectl pkg/cmd/auth/cani.go, whoami.go): a
 * SelfSubjectAccessReview answered by the emulated authorizer (`yes`/`no`, exit 0/1), the
 * SelfSubjectRulesReview table of `--list`, and the SelfSubjectReview of whoami. The reviews run as
 * the command's user, so `--as` asks on someone else's behalf exactly as on a real cluster.
 */
import { resolveResource } from '../../cluster/resources';
import { authorize, rulesFor } from '../../rbac/authorizer';
import type { Attributes } from '../../rbac/rules';
import {
  breakdownRule,
  combineResourceGroup,
  compactRules,
  goSlice,
  sortRules,
  type PolicyRule,
} from '../../format/describe';
import { formatTable } from '../../format/table';
import { goJsonMarshal } from '../../format/json';
import { toKubectlYaml } from '../../format/yaml';
import { bool, str, type FlagDef } from './flags';
import { KubectlError, type Kubectl } from './context';

/** `kubectl auth can-i`'s own flags. */
export const CAN_I_FLAGS: FlagDef[] = [
  {
    name: 'all-namespaces',
    short: 'A',
    type: 'bool',
    description: 'If true, check the specified action in all namespaces.',
  },
  { name: 'quiet', short: 'q', type: 'bool', description: 'If true, suppress output and just return the exit code.' },
  { name: 'subresource', type: 'string', description: 'SubResource such as pod/log or deployment/scale' },
  { name: 'list', type: 'bool', description: 'If true, prints all allowed actions.' },
  { name: 'no-headers', type: 'bool', description: 'If true, prints allowed actions without headers' },
];

/** `kubectl auth whoami`'s own flags. */
export const WHOAMI_FLAGS: FlagDef[] = [
  { name: 'output', short: 'o', type: 'string', description: 'Output format. One of: (json, yaml).' },
];

/** Each subcommand's flags: a flag of one is unknown to the other, as cobra parses per subcommand. */
export const AUTH_SUBCOMMAND_FLAGS: Record<string, FlagDef[]> = { 'can-i': CAN_I_FLAGS, whoami: WHOAMI_FLAGS };

/** Every flag of `kubectl auth` (its subcommands' flags together, for parsing before the subcommand is known). */
export const AUTH_FLAGS: FlagDef[] = [...CAN_I_FLAGS, ...WHOAMI_FLAGS];

const KNOWN_RESOURCE_VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'use',
  'bind',
  'impersonate',
  '*',
  'approve',
  'sign',
  'escalate',
  'attest',
];
const KNOWN_NON_RESOURCE_VERBS = ['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*'];
/** Resource names can-i accepts without a discovery warning (they are impersonation targets, not API resources). */
const NON_STANDARD_RESOURCE_NAMES = ['users', 'groups'];

/** WarningPrinter.Print: `Warning: <msg>` and a newline (messages that end in `\n` leave a blank line). */
function warn(k: Kubectl, msg: string): void {
  k.err(`Warning: ${msg}\n`);
}

const AUTH_HELP = `Inspect authorization.

Available Commands:
  can-i         Check whether an action is allowed
  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects
  whoami        Check self subject attributes

Usage:
  kubectl auth [flags] [options]

Use "kubectl auth <command> --help" for more information about a command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const CAN_I_HELP = `Check whether an action is allowed.

 VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with "/". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.

Examples:
  # Check to see if I can create pods in any namespace
  kubectl auth can-i create pods --all-namespaces
  
  # Check to see if I can list deployments in my current namespace
  kubectl auth can-i list deployments.apps
  
  # Check to see if service account "foo" of namespace "dev" can list pods in the namespace "prod"
  # You must be allowed to use impersonation for the global option "--as"
  kubectl auth can-i list pods --as=system:serviceaccount:dev:foo -n prod
  
  # Check to see if I can do everything in my current namespace ("*" means all)
  kubectl auth can-i '*' '*'
  
  # Check to see if I can get the job named "bar" in namespace "foo"
  kubectl auth can-i list jobs.batch/bar -n foo
  
  # Check to see if I can read pod logs
  kubectl auth can-i get pods --subresource=log
  
  # Check to see if I can access the URL /logs/
  kubectl auth can-i get /logs/
  
  # List all allowed actions in namespace "foo"
  kubectl auth can-i --list --namespace=foo

Options:
    -A, --all-namespaces=false:
	If true, check the specified action in all namespaces.

    --list=false:
	If true, prints all allowed actions.

    --no-headers=false:
	If true, prints allowed actions without headers

    -q, --quiet=false:
	If true, suppress output and just return the exit code.

    --subresource='':
	SubResource such as pod/log or deployment/scale

Usage:
  kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const WHOAMI_HELP = `Check who you are and your attributes (groups, extra).

        This command is helpful to get yourself aware of the current user attributes,
        especially when dynamic authentication, e.g., token webhook, auth proxy, or OIDC provider,
        is enabled in the Kubernetes cluster.

Examples:
  # Get your subject attributes
  kubectl auth whoami
  
  # Get your subject attributes in JSON format
  kubectl auth whoami -o json

Options:
    -o, --output='':
	Output format. One of: (json, yaml).

Usage:
  kubectl auth whoami [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** `kubectl auth [SUB] --help`. */
export function authHelp(args: string[]): string {
  if (args[0] === 'can-i') return CAN_I_HELP;
  if (args[0] === 'whoami') return WHOAMI_HELP;
  return AUTH_HELP;
}

/** Run `kubectl auth SUBCOMMAND`. */
export function runAuth(k: Kubectl): number {
  const [sub, ...args] = k.parsed.args;
  if (sub === 'can-i') return canI(k, args);
  if (sub === 'whoami') return whoami(k);
  // A cobra command group without a subcommand prints its help.
  if (sub === undefined) {
    k.out(AUTH_HELP);
    return 0;
  }
  if (sub === 'reconcile') throw new KubectlError('netlab: kubectl auth reconcile is not emulated');
  throw new KubectlError(`unknown command "${sub}" for "kubectl auth"`);
}

/** The SelfSubjectAccessReview request itself must be allowed (system:basic-user grants it to every authenticated user). */
function authorizeReview(k: Kubectl, group: string, resource: string): void {
  k.authorize({ verb: 'create', apiGroup: group, resource, namespace: '' });
}

/** resourceFor: what TYPE names, or the typed word with a warning when discovery does not know it. */
function resourceFor(k: Kubectl, typed: string): { group: string; resource: string; namespaced?: boolean } {
  if (typed === '*') return { group: '', resource: '*' };
  const lower = typed.toLowerCase();
  const res = resolveResource(lower);
  if (res) return { group: res.group, resource: res.plural, namespaced: res.namespaced };
  const dot = lower.indexOf('.');
  const resource = dot >= 0 ? lower.slice(0, dot) : lower;
  const group = dot >= 0 ? lower.slice(dot + 1) : '';
  if (!NON_STANDARD_RESOURCE_NAMES.includes(group ? `${resource}.${group}` : resource)) {
    warn(
      k,
      group
        ? `the server doesn't have a resource type '${resource}' in group '${group}'\n`
        : `the server doesn't have a resource type '${resource}'\n`,
    );
  }
  // Upstream then asks about the word as typed, in the core group.
  return { group: '', resource: typed };
}

function canI(k: Kubectl, args: string[]): number {
  const allNs = bool(k.parsed, 'all-namespaces');
  const quiet = bool(k.parsed, 'quiet');
  const subresource = str(k.parsed, 'subresource') ?? '';
  const noHeaders = bool(k.parsed, 'no-headers');
  if (bool(k.parsed, 'list')) {
    if (args.length !== 0) throw new KubectlError('list option must be specified with no arguments');
    if (quiet || allNs || subresource)
      throw new KubectlError('--list option must not be specified with --quiet, --all-namespaces or --subresource');
    return canIList(k, noHeaders);
  }
  if (args.length !== 2) {
    throw new KubectlError(
      `you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.`,
    );
  }
  const verb = args[0]!;
  const target = args[1]!;
  const namespace = allNs ? '' : k.namespace;
  let attrs: Attributes;
  if (target.startsWith('/')) {
    if (noHeaders) throw new KubectlError('--no-headers cannot be set without --list specified');
    if (subresource) throw new KubectlError('--subresource can not be used with NonResourceURL');
    if (!KNOWN_NON_RESOURCE_VERBS.includes(verb)) warn(k, `verb '${verb}' is not a known verb\n`);
    attrs = { verb, path: target };
  } else {
    const slash = target.indexOf('/');
    const typed = slash >= 0 ? target.slice(0, slash) : target;
    const name = slash >= 0 ? target.slice(slash + 1) : '';
    const res = resourceFor(k, typed);
    if (noHeaders) throw new KubectlError('--no-headers cannot be set without --list specified');
    // Upstream checks scope and verb only when not asking across all namespaces.
    if (!allNs) {
      if (res.namespaced === false)
        warn(
          k,
          res.group
            ? `resource '${res.resource}' is not namespace scoped in group '${res.group}'\n`
            : `resource '${res.resource}' is not namespace scoped\n`,
        );
      if (!KNOWN_RESOURCE_VERBS.includes(verb)) warn(k, `verb '${verb}' is not a known verb\n`);
    }
    attrs = {
      verb,
      apiGroup: res.group,
      resource: res.resource,
      namespace,
      ...(subresource ? { subresource } : {}),
      ...(name ? { name } : {}),
    };
  }
  authorizeReview(k, 'authorization.k8s.io', 'selfsubjectaccessreviews');
  const d = authorize(k.ctx.emulator.cluster, k.user, attrs);
  if (!quiet) {
    if (d.allowed) k.out('yes\n');
    else k.out(d.reason ? `no - ${d.reason}\n` : 'no\n');
  }
  return d.allowed ? 0 : 1;
}

/** `--list`: the SelfSubjectRulesReview, broken down, compacted and sorted as kubectl prints it. */
function canIList(k: Kubectl, noHeaders: boolean): number {
  authorizeReview(k, 'authorization.k8s.io', 'selfsubjectrulesreviews');
  const review = rulesFor(k.ctx.emulator.cluster, k.user, k.namespace);
  if (review.incomplete) warn(k, `the list may be incomplete: ${review.evaluationError}`);
  const rules: PolicyRule[] = [...review.resourceRules, ...review.nonResourceRules].flatMap(breakdownRule);
  const rows = sortRules(compactRules(rules)).map((r) => [
    combineResourceGroup(r.resources, r.apiGroups),
    goSlice(r.nonResourceURLs),
    goSlice(r.resourceNames),
    goSlice(r.verbs),
  ]);
  k.out(formatTable(noHeaders ? null : ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'], rows));
  return 0;
}

/** `kubectl auth whoami`: the SelfSubjectReview's user info, as a table or as the review object. */
function whoami(k: Kubectl): number {
  authorizeReview(k, 'authentication.k8s.io', 'selfsubjectreviews');
  const u = k.user;
  const output = str(k.parsed, 'output') ?? '';
  if (output === 'json' || output === 'yaml') {
    // UserInfo's struct field order; extra is a map, so its keys sorted as Go marshals them.
    const extra =
      u.extra && Object.keys(u.extra).length
        ? Object.fromEntries(
            Object.keys(u.extra)
              .sort()
              .map((key) => [key, u.extra![key]]),
          )
        : undefined;
    const userInfo = {
      username: u.name,
      ...(u.uid ? { uid: u.uid } : {}),
      ...(u.groups.length ? { groups: u.groups } : {}),
      ...(extra ? { extra } : {}),
    };
    const review = {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: { userInfo },
    };
    // The typed object prints its fields in declaration order (kubectl's JSON printer, four-space indent).
    k.out(output === 'json' ? `${goJsonMarshal(review, '    ', (obj) => Object.keys(obj))}\n` : toKubectlYaml(review));
    return 0;
  }
  if (output !== '')
    throw new KubectlError(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`,
    );
  const rows: string[][] = [['Username', u.name]];
  if (u.uid) rows.push(['UID', u.uid]);
  if (u.groups.length) rows.push(['Groups', goSlice(u.groups)]);
  for (const key of Object.keys(u.extra ?? {}).sort()) rows.push([`Extra: ${key}`, goSlice(u.extra![key])]);
  k.out(formatTable(['ATTRIBUTE', 'VALUE'], rows));
  return 0;
}
