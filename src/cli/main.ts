// The `viwango` command. Each command has --help; failures print one line and exit non-zero.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { AppError } from '../platform/http/errors.ts';
import { translator } from '../messages.ts';
import { commands, type Command } from './commands.ts';

const USAGE = `Usage: viwango <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(20)} ${c.summary}`).join('\n')}

Run 'viwango <command> --help' for a command's options.
Configuration comes from environment variables; see README.md.`;

function fail(message: string, code = 1): never {
  process.stderr.write(`viwango: ${message}\n`);
  process.exit(code);
}

function findCommand(argv: string[]): { cmd: Command; rest: string[] } | undefined {
  // Two-word commands ("users create") are matched first.
  const two = `${argv[0]} ${argv[1]}`;
  const c2 = commands.find((c) => c.name === two);
  if (c2) return { cmd: c2, rest: argv.slice(2) };
  const c1 = commands.find((c) => c.name === argv[0]);
  if (c1) return { cmd: c1, rest: argv.slice(1) };
  return undefined;
}

async function main(argv: string[]) {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = commands.filter((c) => c.name.startsWith(argv[0] + ' '));
    if (group.length) fail(`'${argv[0]}' needs a subcommand: ${group.map((c) => c.name).join(', ')}`, 2);
    fail(`unknown command '${argv[0]}'. Run 'viwango --help' for the list.`, 2);
  }
  const { cmd, rest } = found;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...cmd.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: !!cmd.positionals, strict: true });
  } catch (err) {
    fail(`${cmd.name}: ${(err as Error).message}. Run 'viwango ${cmd.name} --help'.`, 2);
  }
  if (parsed.values.help) {
    process.stdout.write(`Usage: viwango ${cmd.name} ${cmd.usage ?? ''}\n\n${cmd.summary}\n${cmd.help ? '\n' + cmd.help + '\n' : ''}`);
    return;
  }
  const config = loadConfig();
  if (cmd.positionals && parsed.positionals.length !== cmd.positionals) fail(`${cmd.name}: expected ${cmd.usage ?? ''}. Run 'viwango ${cmd.name} --help'.`, 2);
  await cmd.run(parsed.values as Record<string, string | boolean | undefined>, config, parsed.positionals);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) fail(err.message, 2);
  if (err instanceof AppError) {
    const t = translator('en');
    const fields = err.fields ? ': ' + Object.entries(err.fields).map(([f, k]) => `${f}: ${t(k)}`).join('; ') : '';
    fail(`${t(err.key, err.params)}${fields}`);
  }
  fail((err as Error)?.message ?? String(err));
});
