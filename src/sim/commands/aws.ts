/**
 * A subset of the AWS CLI v2 on the learner's host: `aws ec2 describe-network-interfaces` (the
 * ENIs ipamd attached, with their secondary IPs or /28 prefixes) and `aws ec2
 * describe-instance-types` (ENI and address limits per instance type), with the global options
 * that shape output: `--query` (JMESPath, evaluated by @jmespath-community/jmespath) and
 * `--output json|text|table` (aws/output.ts, ported from awscli's formatters). Errors are printed
 * as aws-cli 2.36 prints them (`aws: [ERROR]: ...`, exit 252 for bad parameters, 254 for API
 * errors). Anything else says it is not emulated.
 */
import { compile, search, type JSONValue } from '@jmespath-community/jmespath';
import type { CommandContext, CommandSpec } from '../shell/types';
import { ClientError, describeInstanceTypes, describeNetworkInterfaces, type Filter } from './aws/ec2';
import { formatJson, formatTable, formatText, type Json } from './aws/output';

const PARAM_VALIDATION_ERROR_RC = 252;
const CLIENT_ERROR_RC = 254;

const HELP_BLURB =
  'To see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n';
const USAGE = `aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n${HELP_BLURB}`;
const OUTPUTS = ['json', 'text', 'table', 'yaml', 'yaml-stream', 'off'];

/** errorformat.write_error: `\naws: [ERROR]: <message, stripped>\n`. */
const errorText = (message: string) => `\naws: [ERROR]: ${message.trim()}\n`;

class ParamValidationError extends Error {}

/** The operations the emulator answers, with the list parameters each takes. */
const OPERATIONS: Record<
  string,
  { name: string; lists: string[]; run(ctx: CommandContext, p: Record<string, string[]>, filters: Filter[]): Json }
> = {
  'describe-network-interfaces': {
    name: 'DescribeNetworkInterfaces',
    lists: ['--network-interface-ids'],
    run: (ctx, p, filters) =>
      describeNetworkInterfaces(ctx.emulator, { ids: p['--network-interface-ids'] ?? [], filters }),
  },
  'describe-instance-types': {
    name: 'DescribeInstanceTypes',
    lists: ['--instance-types'],
    run: (_ctx, p, filters) => describeInstanceTypes({ types: p['--instance-types'] ?? [], filters }),
  },
};

/** `--filters` in shorthand (`Name=n,Values=a,b`) or JSON (`[{"Name":"n","Values":["a"]}]`). */
function parseFilters(values: string[]): Filter[] {
  const out: Filter[] = [];
  for (const v of values) {
    if (v.trimStart().startsWith('[') || v.trimStart().startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(v);
      } catch {
        throw new ParamValidationError(`Error parsing parameter '--filters': Invalid JSON:\nJSON received: ${v}`);
      }
      for (const f of Array.isArray(parsed) ? parsed : [parsed])
        out.push({ name: String((f as any).Name), values: ((f as any).Values ?? []).map(String) });
      continue;
    }
    const m = /^Name=([^,]+),Values=(.*)$/.exec(v);
    if (!m)
      throw new ParamValidationError(`netlab: aws --filters ${v}: only Name=NAME,Values=V1,V2 shorthand is emulated`);
    const list = m[2]!.startsWith('[') && m[2]!.endsWith(']') ? m[2]!.slice(1, -1) : m[2]!;
    out.push({ name: m[1]!, values: list.split(',') });
  }
  return out;
}

/** jmespath.py's message for an expression that ends too early (what most typos give). */
function queryError(expr: string, e: unknown): ParamValidationError {
  const msg = e instanceof Error ? e.message : String(e);
  const text = /EOF/.test(msg)
    ? `Invalid jmespath expression: Incomplete expression:\n"${expr}"\n${' '.repeat(expr.length + 1)}^`
    : `Invalid jmespath expression: ${msg.replace(/^Syntax error: /, '')}`;
  return new ParamValidationError(`Bad value for --query ${expr}: ${text}`);
}

export const awsCommand: CommandSpec = {
  name: 'aws',
  summary:
    'the AWS CLI v2 (subset): aws ec2 describe-network-interfaces|describe-instance-types [--query Q] [--output json|text|table]',
  usage: USAGE,
  availableIn: ['host'],
  subcommands: ['ec2'],
  run(ctx) {
    const args = ctx.argv.slice(1);
    let output = 'json';
    let query: string | undefined;
    let color = 'auto';
    const positional: string[] = [];
    const params: Record<string, string[]> = {};
    const unknown: string[] = [];
    try {
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        const [flag, inline] =
          a.startsWith('--') && a.includes('=')
            ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
            : [a, undefined];
        const value = () => {
          const v = inline ?? args[++i];
          if (v === undefined)
            throw new ParamValidationError(`argument ${flag}: expected one argument\n\n\nusage: ${USAGE}`);
          return v;
        };
        if (flag === '--output') {
          output = value();
          if (!OUTPUTS.includes(output))
            throw new ParamValidationError(`argument --output: Found invalid choice '${output}'\n\n\nusage: ${USAGE}`);
          if (output !== 'json' && output !== 'text' && output !== 'table') {
            ctx.stderr.write(`netlab: aws --output ${output} is not emulated (json, text and table are)\n`);
            return 1;
          }
        } else if (flag === '--query') query = value();
        else if (flag === '--color') color = value();
        else if (flag === '--region' || flag === '--profile') value();
        else if (flag === '--no-cli-pager' || flag === '--no-paginate') continue;
        else if (flag.startsWith('--')) {
          // An operation parameter: its values run up to the next option.
          const vals: string[] = inline !== undefined ? [inline] : [];
          while (inline === undefined && args[i + 1] !== undefined && !args[i + 1]!.startsWith('--'))
            vals.push(args[++i]!);
          (params[flag] ??= []).push(...vals);
        } else positional.push(a);
      }
      const [service, opName, ...extra] = positional;
      if (service !== 'ec2' || !opName || !OPERATIONS[opName]) {
        ctx.stderr.write(
          `netlab: aws ${[service, opName].filter(Boolean).join(' ')} is not emulated (aws ec2 describe-network-interfaces and describe-instance-types are)\n`.replace(
            'aws  is',
            'aws is',
          ),
        );
        return 1;
      }
      const op = OPERATIONS[opName]!;
      unknown.push(...extra);
      for (const p of Object.keys(params))
        if (p !== '--filters' && !op.lists.includes(p)) unknown.push(p, ...params[p]!);
      if (unknown.length) {
        ctx.stderr.write(`\nusage: ${USAGE}\n${errorText(`Unknown options: ${unknown.join(', ')}`)}`);
        return PARAM_VALIDATION_ERROR_RC;
      }
      if (query !== undefined) {
        try {
          compile(query);
        } catch (e) {
          throw queryError(query, e);
        }
      }
      let response: Json;
      try {
        response = op.run(ctx, params, parseFilters(params['--filters'] ?? []));
      } catch (e) {
        if (e instanceof ClientError) {
          ctx.stderr.write(
            errorText(`An error occurred (${e.code}) when calling the ${op.name} operation: ${e.message}`),
          );
          return CLIENT_ERROR_RC;
        }
        throw e;
      }
      if (query !== undefined) {
        try {
          response = search(response as JSONValue, query) as Json;
        } catch (e) {
          ctx.stderr.write(errorText(e instanceof Error ? e.message : String(e)));
          return 255;
        }
      }
      if (output === 'json') ctx.stdout.write(response === null ? 'null\n' : formatJson(response));
      else if (output === 'text') ctx.stdout.write(formatText(response));
      else
        ctx.stdout.write(
          formatTable(op.name, response, {
            ...(ctx.columns ? { columns: ctx.columns } : {}),
            color: color === 'on' || (color === 'auto' && ctx.isTTY),
          }),
        );
      return 0;
    } catch (e) {
      if (e instanceof ParamValidationError) {
        ctx.stderr.write(errorText(e.message));
        return PARAM_VALIDATION_ERROR_RC;
      }
      throw e;
    }
  },
};
