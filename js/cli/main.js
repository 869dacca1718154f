// The `dynamap` command line: argument parsing (node:util parseArgs), dispatch, exit codes.
import { parseArgs } from 'node:util';

import { EXIT, CliUsageError, errorLines, exitCodeOf } from './io.js';
import { validateCommand } from './validate.js';
import { planCommand, PLAN_OPERATIONS } from './plan.js';
import { createTableCommand, deleteTableCommand } from './tables.js';
import { importCommand } from './import.js';
import { exportCommand } from './export.js';

export const HELP = `usage: dynamap <command> [options]

commands:
  validate <model.json> <items.jsonl>
      Validates every line (one JSON item per line; the file is streamed). Prints each problem as
      "line N: <path> <code>: <message>" on stdout, then "N valid, M invalid".
  plan <model.json> <operation> [input.json]
      Prints the request a dry run builds, as JSON. Operations and their input:
        put <item>   get <key>   delete <key>   update { key, changes }  (changes: attributes to set)
        query { key, ...options }  (key: the partition key, and the sort key for equality; options
          such as index, limit, reverse, consistent, select)
        scan [options]   createTable [options]   deleteTable   batchWrite { put: [items], delete: [keys] }
      Errors are printed as "error <code> at <path>: <message>" on stderr (exit 2).
  create-table <model.json>      Creates the model's table (and indexes) and waits until ACTIVE.
  delete-table <model.json>      Deletes the model's table.
  import <model.json> <items.jsonl>
      Validates each line (invalid lines are reported like validate and skipped), writes the rest
      in batches with retries. Resumable: <items.jsonl>.dynamap-progress records the byte offset up
      to which every line is known written; a new run resumes there (--restart ignores it). The
      progress file is removed when the import ends. Items still unprocessed after the retries are
      written to <items.jsonl>.unprocessed.jsonl (exit 4). Ends with
      "read N, written N, invalid N, unprocessed N".
  export <model.json> [--index name] [--segments n]
      Prints every item (parallel scan, default 4 segments) as one JSON line on stdout.

options:
  --endpoint <url>     DynamoDB endpoint (DynamoDB Local, dynalite, a proxy)
  --region <region>    AWS region (default: AWS_REGION)
  --prefix <prefix>    table name prefix
  --index <name>       export: scan this index
  --segments <n>       export: parallel scan segments (default 4)
  --restart            import: ignore the progress file and start from the first line
  --batch-size <n>     import: lines per checkpoint of the progress file (default 200)
  --attempts <n>       import: rounds of sending what DynamoDB leaves unprocessed (default 8)
  -h, --help           this help

Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.

JSON forms of values (export writes them; import and plan accept them): datetime and date as ISO
text, Dates (ttl) as ISO strings, sets as arrays, bigint as decimal strings, decimal as strings,
binary (Uint8Array) as base64 strings, numbers a JS number cannot hold exactly as digit strings.

Progress: a single line on stderr, redrawn with \\r, only when stderr is a terminal.

exit codes:
  0  ok
  1  invalid data found (validate)
  2  usage error (arguments, unreadable or invalid model or input, a request that cannot be built)
  3  service or network error
  4  partial import: some items were not written (see <items.jsonl>.unprocessed.jsonl)
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  prefix: { type: 'string' },
  index: { type: 'string' },
  segments: { type: 'string' },
  restart: { type: 'boolean' },
  'batch-size': { type: 'string' },
  attempts: { type: 'string' },
};

const SERVER = ['endpoint', 'region', 'prefix'];
const COMMANDS = {
  validate: { run: validateCommand, options: [] },
  plan: { run: planCommand, options: [] },
  'create-table': { run: createTableCommand, options: SERVER },
  'delete-table': { run: deleteTableCommand, options: SERVER },
  import: { run: importCommand, options: [...SERVER, 'restart', 'batch-size', 'attempts'] },
  export: { run: exportCommand, options: [...SERVER, 'index', 'segments'] },
};

/** Runs the CLI; resolves to the exit code. */
export async function main(argv) {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw new CliUsageError(e.message, 'usage.invalidOption');
    }
    const { values, positionals } = parsed;
    const [name, ...args] = positionals;
    if (values.help || name === 'help') {
      process.stdout.write(HELP);
      return EXIT.ok;
    }
    if (!name) throw new CliUsageError('no command given (dynamap --help lists them)');
    const command = COMMANDS[name];
    if (!command) throw new CliUsageError(`unknown command ${JSON.stringify(name)} (dynamap --help lists them)`, 'usage.unknownCommand');
    for (const option of Object.keys(values)) {
      if (option !== 'help' && !command.options.includes(option)) {
        throw new CliUsageError(`${name} does not take --${option}`, 'usage.unknownOption');
      }
    }
    return await command.run(args, values);
  } catch (error) {
    for (const line of errorLines(error)) process.stderr.write(`${line}\n`);
    return exitCodeOf(error);
  }
}

export { PLAN_OPERATIONS };
