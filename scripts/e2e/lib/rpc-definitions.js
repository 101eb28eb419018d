// polkadot.js definitions of sero-node's own RPC methods. Pass them as
// `ApiPromise.create({ provider, rpc: seroRpc })`; everything else works without them.

export const seroRpc = {
  pow: {
    submitBlock: {
      description: 'Import a SCALE-encoded sealed block as if a peer had sent it; returns its hash or why it was rejected',
      params: [{ name: 'block', type: 'Bytes' }],
      type: 'Hash',
    },
  },
};
