/** Expected texts recorded from the real docker 28.2.2 client (its flag errors need no daemon). */
import { describe, expect, it } from 'vitest';
import {
  DockerUsageError,
  EXEC_FLAGS,
  RUN_FLAGS,
  STOP_FLAGS,
  flagErrorText,
  missingArgsText,
  parseDockerArgs,
} from './dockerflags';

function errorOf(args: string[], spec = RUN_FLAGS): string {
  try {
    parseDockerArgs(args, spec);
  } catch (e) {
    if (e instanceof DockerUsageError) return e.message;
    throw e;
  }
  return '';
}

describe('parseDockerArgs', () => {
  it("parses the seed's docker run: flags up to the image, then the command", () => {
    const p = parseDockerArgs(
      [
        '-d',
        '--rm',
        '--name',
        'mypc',
        '--network',
        'kind',
        '--ip',
        '172.18.0.100',
        'nicolaka/netshoot',
        'sleep',
        'infinity',
      ],
      RUN_FLAGS,
    );
    expect(p.positional).toEqual(['nicolaka/netshoot', 'sleep', 'infinity']);
    expect(Object.fromEntries(p.values)).toEqual({
      detach: true,
      rm: true,
      name: 'mypc',
      network: 'kind',
      ip: '172.18.0.100',
    });
  });

  it('keeps flags after the image for the command', () => {
    const p = parseDockerArgs(['-it', 'nicolaka/netshoot', 'curl', '-s', '--max-time', '1', 'x'], RUN_FLAGS);
    expect(p.positional).toEqual(['nicolaka/netshoot', 'curl', '-s', '--max-time', '1', 'x']);
    expect(Object.fromEntries(p.values)).toEqual({ interactive: true, tty: true });
  });

  it('reads bundled short flags, a value glued to its letter, and = forms', () => {
    const p = parseDockerArgs(['-dit', '-eA=1', '-e', 'B=2', '--name=x', '--rm=false', 'busybox'], RUN_FLAGS);
    expect(Object.fromEntries(p.values)).toEqual({
      detach: true,
      interactive: true,
      tty: true,
      env: ['A=1', 'B=2'],
      name: 'x',
      rm: false,
    });
  });

  it('names an unknown long flag', () => {
    expect(errorOf(['--foo', 'x'])).toBe('unknown flag: --foo');
  });

  it('names an unknown shorthand with the rest of its bundle', () => {
    expect(errorOf(['-z', 'x'])).toBe("unknown shorthand flag: 'z' in -z");
    expect(errorOf(['-iz', 'x'])).toBe("unknown shorthand flag: 'z' in -z");
  });

  it('says when a flag lacks its value', () => {
    expect(errorOf(['--name'])).toBe('flag needs an argument: --name');
    expect(errorOf(['-p'])).toBe("flag needs an argument: 'p' in -p");
    expect(errorOf(['-t'], STOP_FLAGS)).toBe("flag needs an argument: 't' in -t");
  });

  it('refuses a boolean that is not one, naming the flag as pflag does', () => {
    expect(errorOf(['--rm=maybe', 'x'])).toBe(
      'invalid argument "maybe" for "--rm" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    );
    expect(errorOf(['-d=maybe', 'x'])).toBe(
      'invalid argument "maybe" for "-d, --detach" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    );
  });

  it('stops exec at the container name', () => {
    const p = parseDockerArgs(['--privileged', 'mypc', 'ip', 'route', 'add', '10.200.1.0/24', 'via', 'x'], EXEC_FLAGS);
    expect(p.positional).toEqual(['mypc', 'ip', 'route', 'add', '10.200.1.0/24', 'via', 'x']);
    expect(p.values.get('privileged')).toBe(true);
  });
});

describe('docker 28 usage texts', () => {
  it('frames a flag error with the usage line and the help hint', () => {
    expect(flagErrorText('run', RUN_FLAGS, 'unknown flag: --foo')).toBe(
      "unknown flag: --foo\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n",
    );
  });

  it('says how many arguments a subcommand needs', () => {
    expect(missingArgsText('exec', EXEC_FLAGS, 'at least 2 arguments')).toBe(
      "docker: 'docker exec' requires at least 2 arguments\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nSee 'docker exec --help' for more information\n",
    );
  });
});
