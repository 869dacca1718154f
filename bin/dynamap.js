#!/usr/bin/env node
// The `dynamap` command: see `dynamap --help`.
import { main } from '../js/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
