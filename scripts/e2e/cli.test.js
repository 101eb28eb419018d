// The `sero-node` command line without a running node: the standard Substrate
// subcommands and `pow hash`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_BIN } from './lib/node.js';

const run = (...args) =>
  execFileSync(NODE_BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20 });

test('pow hash prints the published ProgPoW 0.9.2 vectors', () => {
  assert.equal(
    run('pow', 'hash', '--height', '0', '--header-hash', '0x' + '00'.repeat(32), '--nonce', '0000000000000000').trim(),
    '{"mix_hash":"faeb1be51075b03a4ff44b335067951ead07a3b078539ace76fd56fc410557a3","final_hash":"63155f732f2bf556967f906155b510c917e48e99685ead76ea83f4eca03ab12b"}',
  );
  const out = JSON.parse(run('pow', 'hash', '--height', '30000',
    '--header-hash', 'd34519f72c97cae8892c277776259db3320820cb5279a299d0ef1e155e5c6454', '--nonce', '0x005db8607994ff30'));
  assert.equal(out.mix_hash, 'f1c2c7c32266af9635462e6ce1c98ebe4e7e3ecab7a38aaabfbf2e731e0fbff4');
  assert.equal(out.final_hash, '8b6ce5da0b06d18db7bd8492d9e5717f8b53e7e098d9fef7886d58a6e913ef64');
});

test('pow hash rejects malformed input with a clear error', () => {
  const bad = spawnSync(NODE_BIN, ['pow', 'hash', '--height', '1', '--header-hash', 'abcd', '--nonce', '00'], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /expected 64 hex digits/);
});

test('build-spec exports both chains with SERO properties', () => {
  for (const [chain, id] of [['dev', 'sero_dev'], ['local', 'sero_local']]) {
    const spec = JSON.parse(run('build-spec', '--chain', chain, '--disable-default-bootnode'));
    assert.equal(spec.id, id);
    assert.deepEqual(spec.properties, { ss58Format: 42, tokenDecimals: 18, tokenSymbol: 'SERO' });
  }
  const raw = JSON.parse(run('build-spec', '--chain', 'dev', '--raw', '--disable-default-bootnode'));
  assert.ok(Object.keys(raw.genesis.raw.top).length > 10, 'raw genesis storage is exported');
});

test('key and purge-chain work as in any Substrate node', () => {
  const alice = run('key', 'inspect', '//Alice', '--output-type', 'json');
  assert.equal(JSON.parse(alice).ss58Address, '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');

  const base = mkdtempSync(join(tmpdir(), 'sero-purge-'));
  run('export-blocks', '--chain', 'dev', '--base-path', base, '--from', '0', join(base, 'blocks.bin'));
  const db = join(base, 'chains', 'sero_dev', 'paritydb');
  assert.ok(existsSync(db), 'the command created the database');
  run('purge-chain', '--chain', 'dev', '--base-path', base, '-y');
  assert.ok(!existsSync(db), 'purge-chain removed the database');
});
