// polkadot.js definitions of sero-node's own RPC methods. Pass them as
// `ApiPromise.create({ provider, rpc: seroRpc, types: seroTypes })`; everything else
// works without them.

export const seroTypes = {
  ShieldedTreeState: { leafCount: 'u64', root: 'H256', block: 'H256' },
  ShieldedLeaf: { position: 'u64', pkr: 'Bytes', assetCm: 'H256', epk: 'H256', ciphertext: 'Bytes' },
};

export const seroRpc = {
  pow: {
    submitBlock: {
      description: 'Import a SCALE-encoded sealed block as if a peer had sent it; returns its hash or why it was rejected',
      params: [{ name: 'block', type: 'Bytes' }],
      type: 'Hash',
    },
  },
  shielded: {
    treeState: {
      description: 'The witness tree\'s size and current root',
      params: [],
      type: 'ShieldedTreeState',
    },
    leaves: {
      description: 'Up to `limit` (at most 1024) leaves from position `from`, with their encrypted notes',
      params: [{ name: 'from', type: 'u64' }, { name: 'limit', type: 'u32' }],
      type: 'Vec<ShieldedLeaf>',
    },
    authPath: {
      description: 'The 32 siblings of a leaf in the tree of a recent root; null if unknown',
      params: [{ name: 'position', type: 'u64' }, { name: 'root', type: 'H256' }],
      type: 'Option<Vec<H256>>',
    },
    isSpent: {
      description: 'Whether a nullifier is spent',
      params: [{ name: 'nil', type: 'H256' }],
      type: 'bool',
    },
    minimumFee: {
      description: 'The smallest fee of a shielded transaction with this many inputs and outputs (decimal string)',
      params: [{ name: 'inputs', type: 'u32' }, { name: 'outputs', type: 'u32' }],
      type: 'Text',
    },
  },
};
