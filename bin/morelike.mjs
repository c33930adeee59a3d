#!/usr/bin/env node
// The `morelike` command: registers the TypeScript loader, then hands over to the CLI edge.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
