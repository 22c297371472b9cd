/** kubectl's help texts: the top-level command list and a short per-verb usage. */
import type { FlagDef } from './flags';

export const TOP_LEVEL_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const SUMMARIES: Record<string, string> = {
  get: 'Display one or many resources.',
  describe: 'Show details of a specific resource or group of resources.',
  apply: 'Apply a configuration to a resource by file name or stdin.',
  create: 'Create a resource from a file or from stdin.',
  delete: 'Delete resources by file names, stdin, resources and names, or by resources and label selector.',
  label: 'Update the labels on a resource.',
  annotate: 'Update the annotations on one or more resources.',
  scale: 'Set a new size for a deployment, replica set, replication controller, or stateful set.',
  expose: 'Expose a resource as a new Kubernetes service.',
  run: 'Create and run a particular image in a pod.',
  wait: 'Experimental: Wait for a specific condition on one or many resources.',
  rollout: 'Manage the rollout of one or many resources.',
  logs: 'Print the logs for a container in a pod or specified resource.',
  exec: 'Execute a command in a container.',
  'cluster-info': 'Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.',
  'api-resources': 'Print the supported API resources on the server.',
  version: 'Print the client and server version information for the current context.',
  patch: 'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.',
  set: 'Configure application resources.',
  config: 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".',
};

/** `kubectl VERB --help`: the summary and the verb's options. */
export function verbHelp(verb: string, flags: FlagDef[]): string {
  const opts = flags
    .map(
      (f) =>
        `    ${f.short ? `-${f.short}, ` : ''}--${f.name}${f.type === 'bool' ? '' : "=''"}:\n\t${f.description ?? ''}\n`,
    )
    .join('\n');
  return `${SUMMARIES[verb] ?? ''}\n\nOptions:\n${opts}\nUsage:\n  kubectl ${verb} [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`;
}
