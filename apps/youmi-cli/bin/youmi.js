#!/usr/bin/env node
// `npx youmi …` in this workspace runs the built CLI (`npx nx build youmi-cli` builds it).
require('../../../dist/apps/youmi-cli/main.js');
