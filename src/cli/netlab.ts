/**
 * The `netlab` command-line tool: `npm run --silent netlab -- <subcommand> ...`.
 * See ../shared/design/architecture.md ("The netlab CLI") for the contract.
 */
import { allScenarios } from '../sim/emulator';
import { check } from './check';
import { gradeCommand } from './grade';
import { runCommand } from './run';
import { rosterCommand } from './roster';

const USAGE = `usage: netlab <command> [options]

commands:
  scenarios                                   list scenario ids
  run --scenario ID [--seed N] [--echo] [FILE|-]   run a shell script in a scenario
  check                                       validate every lesson exercise and lab
  grade LAB.yaml SUBMISSION.json|DIR...       replay and grade submissions
        [--csv FILE] [--detail FILE] [--roster FILE] [--jobs N]
  roster LAB.yaml [--roster FILE] [--base PATH] [--site URL]
                                              print each learner's link to the lab sheet
`;

async function main(argv: string[]): Promise<number> {
  const [cmd] = argv;
  switch (cmd) {
    case 'scenarios':
      for (const s of allScenarios()) process.stdout.write(`${s.id.padEnd(14)} ${s.description}\n`);
      return 0;
    case 'run':
      return runCommand(argv.slice(1));
    case 'check':
      return check(process.cwd(), (line) => process.stdout.write(`${line}\n`));
    case 'grade':
      return gradeCommand(
        argv.slice(1),
        process.cwd(),
        (s) => void process.stdout.write(s),
        (s) => void process.stderr.write(s),
        (s) => void process.stderr.write(s),
      );
    case 'roster':
      return rosterCommand(
        argv.slice(1),
        process.cwd(),
        (s) => void process.stdout.write(s),
        (s) => void process.stderr.write(s),
        process.env,
      );
    case undefined:
    case '-h':
    case '--help':
      process.stdout.write(USAGE);
      return cmd ? 0 : 2;
    default:
      process.stderr.write(`netlab: unknown command "${cmd}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`netlab: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
