/**
 * `ssh` from the learner's host to a node (the way into EKS workers, which have no `docker exec`):
 * by node name, short hostname, or address, with or without `user@` and `-i key.pem`. With a
 * command it runs there and returns; without one it enters the node's shell (`exit` comes back).
 */
import { registerCommand } from './registry';
import type { Emulator } from '../emulator';
import { nodeInternalIP } from '../net/dataplane';

/** The node a destination names: its name, its short hostname (`ip-192-168-1-51`) or its InternalIP. */
export function nodeForDestination(emu: Emulator, destination: string): string | undefined {
  const host = destination.slice(destination.indexOf('@') + 1);
  for (const n of emu.store.list('nodes')) {
    const name = n.metadata.name;
    if (name === host || name.split('.')[0] === host || nodeInternalIP(n) === host) return name;
  }
  return undefined;
}

/** Options that take a value (OpenSSH's getopt string). */
const WITH_VALUE = new Set(['-i', '-l', '-p', '-o', '-F', '-J', '-L', '-R', '-D', '-E', '-b', '-c', '-e', '-m', '-S', '-W', '-w', '-B', '-I', '-O', '-Q']);

registerCommand({
  name: 'ssh',
  summary: 'ssh to a node: ssh [-i KEY] [USER@]NODE|IP [COMMAND...]',
  usage: 'ssh [-i identity_file] [-l login_name] [-p port] destination [command [argument ...]]',
  availableIn: ['host'],
  complete(ctx) {
    return ctx.emulator.store.list('nodes').map((n) => n.metadata.name);
  },
  run(ctx) {
    const args = ctx.argv.slice(1);
    let i = 0;
    for (; i < args.length && args[i]!.startsWith('-'); i++) if (WITH_VALUE.has(args[i]!)) i++;
    const destination = args[i];
    if (!destination) {
      ctx.stderr.write('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n');
      return 255;
    }
    const node = nodeForDestination(ctx.emulator, destination);
    if (!node) {
      const host = destination.slice(destination.indexOf('@') + 1);
      ctx.stderr.write(/^[\d.]+$/.test(host) ? `ssh: connect to host ${host} port 22: Connection timed out\n` : `ssh: Could not resolve hostname ${host}: Name or service not known\n`);
      return 255;
    }
    const location = { kind: 'node' as const, node };
    const command = args.slice(i + 1);
    if (command.length) return ctx.shell.runScript(command.join(' '), { location, stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr });
    ctx.shell.enter(location, 'bash');
    return 0;
  },
});
