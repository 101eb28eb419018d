// PoS votes end to end: a miner and a voter on loopback. Alice buys shares through
// polkadot.js naming the voter's key; the miner asks for the votes of each block's drawn
// shares over the votes gossip protocol, the voter signs with the key in its keystore, and
// blocks carry the votes; the runtime settles the drawn shares Voted and pays principal and
// reward. Once NeedTwoVote holds, a block whose votes were stripped or forged is rejected at
// import and not stored: re-signed by the author it breaks the vote rules; with the
// author's signature left as it was it is not the signed seal.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { SeroNode, waitFor, submitAndWait } from './lib/node.js';
import { splitSeal, decodeSeal, encodeSeal, signedSeal, withSeal } from './lib/seal.js';

const SERO = 10n ** 18n;
/** Shares Alice buys: enough for every block of the test to draw three. */
const SHARES = 300;
/** The dev preset's NeedTwoVote threshold and window (runtime/src/genesis_config_presets.rs). */
const NEED_TWO_VOTES_FROM = 6;
const MISS_WINDOW = 10;

const nodes = [];
after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
});

/** The votes in a block's seal: `[{ position, signature }]`. */
function sealVotes(api, header) {
  const { sealBytes } = splitSeal(api, header);
  const { votesLen } = decodeSeal(sealBytes);
  const votes = [];
  for (let i = 0; i < votesLen; i++) {
    const at = 42 + i * 65;
    votes.push({ position: sealBytes[at], signature: sealBytes.slice(at + 1, at + 65) });
  }
  return votes;
}

test('a voter signs for its drawn shares, blocks carry the votes, and bad votes are refused', async () => {
  const miner = await new SeroNode('miner', ['--dev', '--tmp', '--mining-threads', '1']).start();
  nodes.push(miner);
  await miner.waitForBlock(1);
  const peerId = (await miner.api.rpc.system.localPeerId()).toString();
  const voter = await new SeroNode('voter', [
    '--dev', '--tmp', '--mining-threads', '0', '--vote',
    '--bootnodes', `/ip4/127.0.0.1/tcp/${miner.p2pPort}/p2p/${peerId}`,
  ]).start();
  nodes.push(voter);

  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const voteKey = keyring.addFromUri('//SeroVoter');
  // author_insertKey is unsafe RPC, served on a node listening on localhost.
  await voter.rpc('author_insertKey', ['svot', '//SeroVoter', u8aToHex(voteKey.publicKey)]);

  const { api } = miner;
  const { block: boughtIn } = await submitAndWait(
    api,
    api.tx.sharePool.buyShares(SHARES, voteKey.publicKey, null, BigInt(SHARES) * 3n * SERO),
    alice,
  );
  const boughtAt = (await api.rpc.chain.getHeader(boughtIn)).number.toNumber();

  // Blocks after the shares entered the pool carry the voter's votes.
  const voted = await waitFor('a block carrying votes', async () => {
    const header = await api.rpc.chain.getHeader();
    for (let n = boughtAt + 1; n <= header.number.toNumber(); n++) {
      const h = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
      if (sealVotes(api, h).length > 0) return h;
    }
    return null;
  }, { timeoutMs: 300_000, everyMs: 1000 });
  assert.ok(/Voting for block #/.test(voter.log()), 'the voter logs its votes');
  assert.ok(/drawn share\(s\) voted/.test(miner.log()), 'the miner logs the votes it collected');

  // The next block settles the draw: each of Alice's drawn shares Voted.
  const n = voted.number.toNumber();
  await miner.waitForBlock(n + 1);
  const settledIn = await api.at(await api.rpc.chain.getBlockHash(n + 1));
  const events = (await settledIn.query.system.events()).map(({ event }) => event);
  const votedEvents = events.filter((e) => api.events.sharePool.ShareVoted.is(e));
  assert.equal(votedEvents.length, sealVotes(api, voted).length, 'one ShareVoted per vote carried');
  assert.ok(votedEvents.every((e) => e.data.block.toNumber() === n && e.data.reward.toBigInt() > 0n));

  // The voter stays connected and votes for every block: NeedTwoVote switches on once a
  // window's worth of blocks carried their votes.
  const needTwo = await waitFor('NeedTwoVote to hold', async () => {
    const at = await api.at(await api.rpc.chain.getBlockHash());
    const missed = (await at.query.sharePool.missedInWindow()).toNumber();
    return missed * 5 <= MISS_WINDOW * 3 ? at : null;
  }, { timeoutMs: 600_000, everyMs: 1000 });
  assert.ok(needTwo);

  // A block whose parent holds NeedTwoVote: copies re-signed by the author with one vote or
  // with a forged vote are refused by the runtime's vote rules, a copy with a subset of the
  // votes under the original signature by the signature check.
  // Its child's check settles the parent's draw first (up to three more missed votes) and
  // draws three more shares: the parent must have room for both.
  const best = await waitFor('a fully voted block whose parent holds NeedTwoVote', async () => {
    const header = await api.rpc.chain.getHeader();
    const parentAt = await api.at(header.parentHash);
    const missed = (await parentAt.query.sharePool.missedInWindow()).toNumber();
    const p = (await parentAt.query.sharePool.purchases(0)).unwrap();
    const inPool = p.count.toNumber() - p.voted.toNumber() - p.missed.toNumber() - p.expired.toNumber();
    return sealVotes(api, header).length === 3 &&
      (missed + 3) * 5 <= MISS_WINDOW * 3 &&
      inPool >= NEED_TWO_VOTES_FROM + 6 ? header : null;
  }, { timeoutMs: 300_000, everyMs: 500 });
  const signed = await api.rpc.chain.getBlock(best.hash);
  const { sealBytes, preHash } = splitSeal(api, best);
  const seal = decodeSeal(sealBytes);
  const votes = sealVotes(api, best);
  const forged = votes.map((v, i) => (i === 0 ? { ...v, signature: v.signature.map((b) => b ^ 1) } : v));
  for (const [what, bytes, reason] of [
    ['one vote where two are needed', signedSeal(alice, preHash, seal.nonce, seal.mixHash, votes.slice(0, 1)), /valid vote\(s\) where the share pool requires 2/],
    ['a forged vote', signedSeal(alice, preHash, seal.nonce, seal.mixHash, forged), /not signed by the drawn share's vote key/],
    ['votes stripped by a third party', encodeSeal(seal.nonce, seal.mixHash, votes.slice(0, 2), seal.signature), /the seal is not signed by the block's author/],
  ]) {
    const tampered = withSeal(api, signed.block, bytes);
    await assert.rejects(api.rpc.pow.submitBlock(tampered.bytes), /rejected/, `${what}: refused`);
    assert.equal(await miner.rpc('chain_getHeader', [tampered.hash]), null, `${what}: not stored`);
    await waitFor(`the log line ${reason}`, () => reason.test(miner.log()), { timeoutMs: 60_000 });
  }

  // Voted shares are paid principal and reward after the payout period.
  await waitFor('a payout with a reward', async () => {
    const at = await api.at(await api.rpc.chain.getBlockHash());
    const events = (await at.query.system.events()).map(({ event }) => event);
    return events.some((e) => api.events.sharePool.SharePaid.is(e) && e.data.reward.toBigInt() > 0n);
  }, { timeoutMs: 600_000, everyMs: 1000 });
  const purchase = (await (await api.at(await api.rpc.chain.getBlockHash())).query.sharePool.purchases(0)).unwrap();
  assert.ok(purchase.voted.toNumber() >= 3 * 8, `${purchase.voted} shares voted`);
});
