// A dev chain end to end: mining, metadata, transfers, rewards, seals, and the
// rejection of bad blocks, through @polkadot/api against a real `sero-node --dev`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import { SeroNode, powHash, waitFor } from './lib/node.js';
import { decodeSeal, encodeSeal, meetsDifficulty, nonceHex, signedSeal, splitSeal, withSeal } from './lib/seal.js';

const MINED_BLOCKS = 3;
let node;
let api;
let keyring;

before(async () => {
  node = await new SeroNode('dev', ['--dev', '--tmp', '--mining-threads', '1']).start();
  api = node.api;
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  await node.waitForBlock(MINED_BLOCKS);
});

after(async () => {
  await node?.stop();
});

test('metadata and chain properties', async () => {
  const props = await api.rpc.system.properties();
  assert.deepEqual(props.tokenSymbol.unwrap().toJSON(), ['SERO']);
  assert.deepEqual(props.tokenDecimals.unwrap().toJSON(), [18]);
  assert.equal(api.runtimeVersion.specName.toString(), 'sero');
  const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
  for (const name of ['System', 'Timestamp', 'Balances', 'TransactionPayment', 'Sudo', 'Difficulty', 'BlockRewards']) {
    assert.ok(pallets.includes(name), `metadata lists pallet ${name}`);
  }
  assert.equal((await api.rpc.system.chain()).toString(), 'SERO Development');
});

test('a transfer from Alice arrives at Bob exactly', async () => {
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const amount = 123_456_789_000_000_000n; // 0.123456789 SERO

  const nextIndex = await api.rpc.system.accountNextIndex(alice.address);
  assert.equal(nextIndex.toNumber(), (await api.query.system.account(alice.address)).nonce.toNumber());

  const tx = api.tx.balances.transferKeepAlive(bob.address, amount);
  const quoted = await tx.paymentInfo(alice);
  assert.ok(quoted.partialFee.toBigInt() > 0n, 'polkadot.js quotes a fee');
  // The payment_queryInfo RPC itself (polkadot.js decodes it with a pre-Weight-v2
  // type, so read the raw JSON).
  const signed = await api.tx.balances.transferKeepAlive(bob.address, amount).signAsync(alice);
  const raw = await node.rpc('payment_queryInfo', [signed.toHex()]);
  assert.equal(BigInt(raw.partialFee), quoted.partialFee.toBigInt(), 'payment_queryInfo quotes the same fee');
  assert.ok(raw.weight.ref_time > 0 || raw.weight.refTime > 0, 'payment_queryInfo reports the weight');

  const inBlock = await new Promise((resolve, reject) => {
    tx.signAndSend(alice, ({ status, dispatchError }) => {
      if (dispatchError) reject(new Error(dispatchError.toString()));
      if (status.isInBlock) resolve(status.asInBlock);
    }).catch(reject);
  });
  const header = await api.rpc.chain.getHeader(inBlock);
  const before = (await (await api.at(header.parentHash)).query.system.account(bob.address)).data.free.toBigInt();
  const after = (await (await api.at(inBlock)).query.system.account(bob.address)).data.free.toBigInt();
  assert.equal(after - before, amount);
});

test('total issuance grows by exactly the block rewards', async () => {
  const best = await node.bestNumber();
  const schedule = await api.query.blockRewards.schedule();
  const initialReward = schedule.initialReward.toBigInt();
  const halving = BigInt(schedule.halvingInterval.toNumber());
  assert.ok(initialReward > 0n);
  let previous = null;
  for (let n = 0; n <= best; n++) {
    const at = await api.at(await api.rpc.chain.getBlockHash(n));
    const issuance = (await at.query.balances.totalIssuance()).toBigInt();
    if (previous !== null) {
      const expected = initialReward >> (BigInt(n) / halving);
      assert.equal(issuance - previous, expected, `block #${n} adds its reward to issuance`);
    }
    previous = issuance;
  }
});

test('every mined block carries a valid ProgPoW seal', async () => {
  const best = await node.bestNumber();
  assert.ok(best >= MINED_BLOCKS);
  for (let n = 1; n <= best; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const header = await api.rpc.chain.getHeader(hash);
    const { sealBytes, preHash } = splitSeal(api, header);
    const seal = decodeSeal(sealBytes);
    assert.equal(seal.votesLen, 0, 'no PoS votes without shares');
    assert.equal(seal.length, 106, 'a vote-less v1 seal is 106 bytes');
    const out = powHash(n, preHash, nonceHex(seal.nonce));
    assert.equal(`0x${out.mix_hash}`, seal.mixHash, `block #${n}: mix hash recomputed`);
    const difficulty = (await (await api.at(header.parentHash)).query.difficulty.currentDifficulty()).toBigInt();
    assert.ok(difficulty > 0n);
    assert.ok(meetsDifficulty(out.final_hash, difficulty), `block #${n}: final hash meets difficulty ${difficulty}`);
  }
});

/** Submits `bytes` through pow_submitBlock and returns the RPC error. */
async function submitExpectingRejection(bytes) {
  try {
    await api.rpc.pow.submitBlock(bytes);
  } catch (error) {
    return error;
  }
  assert.fail('the block was accepted');
}

test('bad blocks are rejected at import and change nothing', async () => {
  const target = 2;
  const canonical = await api.rpc.chain.getBlockHash(target);
  const { block } = await api.rpc.chain.getBlock(canonical);
  const { sealBytes, preHash } = splitSeal(api, block.header);
  const seal = decodeSeal(sealBytes);
  const difficulty = (await (await api.at(block.header.parentHash)).query.difficulty.currentDifficulty()).toBigInt();

  // Correct ProgPoW for a fresh nonce whose work falls short of the difficulty.
  let weakNonce;
  let weakMix;
  for (let tries = 0; ; tries++) {
    const nonce = seal.nonce + 1_000_003n + BigInt(tries);
    const out = powHash(target, preHash, nonceHex(nonce));
    if (!meetsDifficulty(out.final_hash, difficulty)) {
      weakNonce = nonce;
      weakMix = `0x${out.mix_hash}`;
      break;
    }
  }
  const flippedMix = `0x${(BigInt(seal.mixHash) ^ 1n).toString(16).padStart(64, '0')}`;
  const vote = { position: 0, signature: new Uint8Array(64).fill(1) };
  const cases = [
    ['undecodable seal bytes', new Uint8Array([0xde, 0xad, 0xbe, 0xef])],
    ['a wrong nonce', encodeSeal(seal.nonce + 1n, seal.mixHash)],
    ['a wrong mix hash', encodeSeal(seal.nonce, flippedMix)],
    ['work below the required difficulty', encodeSeal(weakNonce, weakMix)],
    // The genuine work signed by someone else than the author the block names.
    ['a genuine seal signed by Bob', signedSeal(keyring.addFromUri('//Bob'), preHash, seal.nonce, seal.mixHash)],
    // The genuine work with a vote added and signed by the author: the share pool is empty,
    // so no share was drawn to vote (the runtime's verdict, asked at import).
    ['a genuine seal with a PoS vote added', signedSeal(keyring.addFromUri('//Alice'), preHash, seal.nonce, seal.mixHash, [vote])],
  ];

  const bestBefore = await node.bestNumber();
  for (const [what, bytes] of cases) {
    const tampered = withSeal(api, block, bytes);
    assert.notEqual(tampered.hash, canonical.toHex());
    const error = await submitExpectingRejection(tampered.bytes);
    assert.match(error.message, /rejected/, `${what}: RPC says the block was rejected`);
    assert.equal(await node.rpc('chain_getHeader', [tampered.hash]), null, `${what}: the block is not in the database`);
    assert.equal((await api.rpc.chain.getBlockHash(target)).toHex(), canonical.toHex(), `${what}: chain unchanged`);
  }
  // The node logs each rejection with its reason (the log reaches the file a moment
  // after the RPC answers).
  for (const reason of [
    /Rejecting block .*do not decode as a SERO seal/,
    /Rejecting block .*does not meet difficulty/,
    /Rejecting block .*the seal is not signed by the block's author/,
    /Rejecting block .*a vote for draw position 0, which drew no share/,
  ]) {
    await waitFor(`the log line ${reason}`, () => reason.test(node.log()), { timeoutMs: 60_000 });
  }

  // A block claiming a height far from its parent's is refused before any ProgPoW work:
  // the claimed height once made the node build the light cache of its epoch (≈ 17 GiB at
  // u32::MAX) to explain the rejection.
  const absurd = withSeal(api, block, sealBytes, 0xffff_ffff);
  const absurdError = await submitExpectingRejection(absurd.bytes);
  assert.match(absurdError.message, /#4294967295 .*rejected: its number does not follow its parent's #1/);
  const rssKib = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${node.process.pid}/status`, 'utf8'))[1]);
  assert.ok(rssKib < 2 * 1024 * 1024, `the node holds ${rssKib} KiB`);

  // Bytes that are not a block at all.
  const garbage = await submitExpectingRejection(u8aToHex(randomAsU8a(16)));
  assert.match(garbage.message, /not a block/);

  // The genuine block is accepted as already known, and the node keeps mining.
  assert.equal((await api.rpc.pow.submitBlock(block.toHex())).toHex(), canonical.toHex());
  assert.ok(node.running(), 'the node is still running');
  await node.waitForBlock(bestBefore + 1);
});

test('pow_submitBlock is an unsafe method: refused where unsafe RPC is not allowed', async () => {
  const safe = await new SeroNode('safe-rpc', ['--dev', '--tmp', '--mining-threads', '0', '--rpc-methods', 'safe']).start();
  try {
    const { block } = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(1));
    await assert.rejects(safe.rpc('pow_submitBlock', [block.toHex()]), /unsafe/i);
    assert.equal(await safe.bestNumber(), 0, 'nothing was imported');
  } finally {
    await safe.stop();
  }
});
