//! The pallets `sero-node benchmark pallet` measures (a node built with
//! `--features runtime-benchmarks`; see docs/BENCHMARKS.md).

polkadot_sdk::frame_benchmarking::define_benchmarks!(
	[pallet_shielded, Shielded]
	[pallet_share_pool, SharePool]
	[pallet_staking_nodes, StakingNodes]
	[pallet_tickets, Tickets]
);
