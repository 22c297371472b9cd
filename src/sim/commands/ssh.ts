/**
 * `ssh` from the learner's host to a node (the way into EKS workers, which have no `docker exec`):
 * by node name, short hostname, or address, with or without `user@` and `-i key.pem`. With a
 * command it runs there and returns; without one it enters the node's shell (`exit` comes back).
 */
import type { Emulator } from '../emulator';
import { nodeInternalIP } from '../net/agent';
import { EC2_USER, isEc2Node } from '../shell/accounts';
import type { CommandContext, LocationRef, CommandSpec } from '../shell/types';

/** The node a destination names: its name, its short hostname (`ip-192-168-1-51`) or its InternalIP. */
export function nodeForDestination(emu: Emulator, destination: string): string | undefined {
  const host = destination.slice(destination.indexOf('@') + 1);
  for (const n of emu.store.list('nodes')) {
    const name = n.metadata.name;
    if (name === host || name.split('.')[0] === host || nodeInternalIP(n) === host) return name;
  }
  return undefined;
}

/** What Amazon Linux's root authorized_keys runs instead of a shell: a message, `sleep 10`, `exit 142`. */
const AMAZON_LINUX_ROOT_SLEEP_S = 10;
const AMAZON_LINUX_ROOT_STATUS = 142;

/** What ssh prints instead of logging in: Amazon Linux's forced command for root (on stdout), or a refusal (on stderr). */
type TurnedAway = { rootBanner: string } | { denied: string };

/**
 * Where `ssh [USER@]NODE` logs in: EC2 instances accept ec2-user (the default here, as the course's
 * ssh config names it) and turn root away as Amazon Linux does; other nodes log in as root.
 * `host` is the destination as typed, for the permission error.
 */
export function loginLocation(node: string, user: string | undefined, host = node): LocationRef | TurnedAway {
  const location: LocationRef = { kind: 'node', node };
  if (!isEc2Node(location)) return location;
  if (user === undefined || user === EC2_USER) return { ...location, user: EC2_USER };
  if (user === 'root') return { rootBanner: `Please login as the user "${EC2_USER}" rather than the user "root".\n\n` };
  return { denied: `${user}@${host}: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).\n` };
}

async function waitSeconds(ctx: CommandContext, seconds: number): Promise<void> {
  for (let s = 0; s < seconds; s++) {
    await ctx.checkpoint();
    ctx.emulator.advanceTime(1000);
  }
}

/** Options that take a value (OpenSSH's getopt string). */
const WITH_VALUE = new Set([
  '-i',
  '-l',
  '-p',
  '-o',
  '-F',
  '-J',
  '-L',
  '-R',
  '-D',
  '-E',
  '-b',
  '-c',
  '-e',
  '-m',
  '-S',
  '-W',
  '-w',
  '-B',
  '-I',
  '-O',
  '-Q',
]);

export const sshCommand: CommandSpec = {
  name: 'ssh',
  summary: 'ssh to a node: ssh [-i KEY] [USER@]NODE|IP [COMMAND...]',
  usage: 'ssh [-i identity_file] [-l login_name] [-p port] destination [command [argument ...]]',
  availableIn: ['host'],
  complete(ctx) {
    return ctx.emulator.store.list('nodes').map((n) => n.metadata.name);
  },
  async run(ctx) {
    const args = ctx.argv.slice(1);
    let i = 0;
    let login: string | undefined;
    for (; i < args.length && args[i]!.startsWith('-'); i++) {
      if (args[i] === '-l') login = args[i + 1];
      if (WITH_VALUE.has(args[i]!)) i++;
    }
    const destination = args[i];
    if (!destination) {
      ctx.stderr.write(
        'usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n',
      );
      return 255;
    }
    const node = nodeForDestination(ctx.emulator, destination);
    if (!node) {
      const host = destination.slice(destination.indexOf('@') + 1);
      ctx.stderr.write(
        /^[\d.]+$/.test(host)
          ? `ssh: connect to host ${host} port 22: Connection timed out\n`
          : `ssh: Could not resolve hostname ${host}: Name or service not known\n`,
      );
      return 255;
    }
    const at = destination.indexOf('@');
    const user = at >= 0 ? destination.slice(0, at) : login;
    const location = loginLocation(node, user, destination.slice(at + 1));
    if ('denied' in location) {
      ctx.stderr.write(location.denied);
      return 255;
    }
    if ('rootBanner' in location) {
      // The forced command's `echo`s reach the learner's stdout.
      ctx.stdout.write(location.rootBanner);
      await waitSeconds(ctx, AMAZON_LINUX_ROOT_SLEEP_S);
      return AMAZON_LINUX_ROOT_STATUS;
    }
    const command = args.slice(i + 1);
    if (command.length)
      return ctx.shell.runScript(command.join(' '), {
        location,
        stdin: ctx.stdin,
        stdout: ctx.stdout,
        stderr: ctx.stderr,
      });
    ctx.shell.enter(location, 'bash');
    return 0;
  },
};
