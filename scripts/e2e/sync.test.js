// Two nodes on loopback: one mines, the other only imports, and both end on the
// same best block.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { SeroNode, waitFor } from './lib/node.js';

const nodes = [];

after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
});

test('a non-mining peer imports the miner\'s chain', async () => {
  const miner = await new SeroNode('miner', ['--dev', '--tmp', '--mining-threads', '1']).start();
  nodes.push(miner);
  await miner.waitForBlock(1);
  const peerId = (await miner.api.rpc.system.localPeerId()).toString();

  const follower = await new SeroNode('follower', [
    '--dev', '--tmp', '--mining-threads', '0',
    '--bootnodes', `/ip4/127.0.0.1/tcp/${miner.p2pPort}/p2p/${peerId}`,
  ]).start();
  nodes.push(follower);

  const target = (await miner.bestNumber()) + 2;
  await follower.waitForBlock(target);
  assert.ok(!/Mined block/.test(follower.log()), 'the follower does not mine');

  // Wait until both report the same best block; the miner keeps extending it.
  const same = await waitFor('both nodes to agree on the best block', async () => {
    const [a, b] = await Promise.all([miner.api.rpc.chain.getHeader(), follower.api.rpc.chain.getHeader()]);
    return a.hash.eq(b.hash) && a.number.toNumber() >= target ? a : null;
  }, { everyMs: 200 });
  const atFollower = await follower.api.rpc.chain.getBlockHash(same.number.toNumber());
  assert.equal(atFollower.toHex(), same.hash.toHex());
  assert.ok((await follower.api.rpc.system.peers()).length >= 1, 'the follower is connected to the miner');
});
