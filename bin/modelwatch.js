#!/usr/bin/env node
// Entry point of the `modelwatch` command: runs the compiled CLI (npm install builds dist/).
import { main } from '../dist/cli.js';

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
