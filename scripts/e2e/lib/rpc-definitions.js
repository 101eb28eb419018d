// polkadot.js definitions of sero-node's own RPC methods. Pass them as
// `ApiPromise.create({ provider, rpc: seroRpc, types: seroTypes })`; everything else
// works without them.

export const seroTypes = {
  ShieldedTreeState: { leafCount: 'u64', root: 'H256', block: 'H256' },
  ShieldedLeaf: { position: 'u64', pkr: 'Bytes', assetCm: 'H256', epk: 'H256', ciphertext: 'Bytes' },
  SharePoolStatus: {
    inPool: 'u64', pending: 'u64', nextSharePrice: 'Text', needTwoVotes: 'bool', missedInWindow: 'u32',
    payoutPeriod: 'u32', expiry: 'u32', missedLock: 'u32', needTwoVotesFrom: 'u64', missWindow: 'u32',
    nextPurchase: 'u64', block: 'H256',
  },
  SharePurchase: {
    id: 'u64', owner: 'Text', stakingNode: 'Option<u32>', feeBps: 'u16', voteKey: 'H256', count: 'u32',
    priceEach: 'Text', boughtAt: 'u32', inPool: 'u64', voted: 'u32', missed: 'u32', expired: 'u32', paid: 'u32',
  },
  StakingNodeInfo: {
    id: 'u32', name: 'Text', operator: 'Text', voteKey: 'H256', feeBps: 'u16', stake: 'Text',
    registeredAt: 'u32', state: 'Text', stateSince: 'Option<u32>', shares: 'u64',
  },
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
  sharePool: {
    status: {
      description: 'The share pool: its size, next share price, NeedTwoVote and periods',
      params: [],
      type: 'SharePoolStatus',
    },
    quote: {
      description: 'What `count` shares bought now cost in all (decimal string); null for 0 or more than 1,000',
      params: [{ name: 'count', type: 'u32' }],
      type: 'Option<Text>',
    },
    purchases: {
      description: 'Purchases by owner (SS58) or by vote key, among the 10,000 purchase numbers from `from`, at most `limit` (1,000)',
      params: [
        { name: 'owner', type: 'Option<Text>', isOptional: true },
        { name: 'voteKey', type: 'Option<H256>', isOptional: true },
        { name: 'from', type: 'Option<u64>', isOptional: true },
        { name: 'limit', type: 'Option<u32>', isOptional: true },
      ],
      type: 'Vec<SharePurchase>',
    },
  },
  stakingNodes: {
    list: {
      description: 'StakingNodes from a number on, at most `limit` (1,000), finished ones included',
      params: [
        { name: 'from', type: 'Option<u32>', isOptional: true },
        { name: 'limit', type: 'Option<u32>', isOptional: true },
      ],
      type: 'Vec<StakingNodeInfo>',
    },
  },
};
