//! Weights of the share pool.
//!
//! Derived from each operation's storage accesses until the pallet's benchmarks land with
//! its draw (issue 13); the fixed parts allow for the decoding, hashing and events.
//!
//! - `buy_shares` reads the tree's slot count and up to 32 Fenwick nodes (the pool's total),
//!   the pending queue and its share count, the next purchase number and the buyer's
//!   account and holds, and writes all but the tree.
//! - `settle(n, e)` hashes the parent's header and reads the marker, the parameters, the
//!   queue, its share count and two expiry lists. It settles the parent's draw: the seed and
//!   three vote messages hashed, three sr25519 signatures verified (about 0.1 ms each on the
//!   2-core VM of docs/BENCHMARKS.md; 0.2 ms allowed), three finds and removes in the tree
//!   (up to 64 node reads and 32 writes each), the three slots and purchases read and
//!   written, the payout and release lists and the window's three entries; and it pays up to
//!   three payouts and three releases (each the purchase, the account, its holds and the
//!   issuance). Each of the `n` purchases entering the
//!   pool reads its record, the slot count and up to 32 nodes, and writes its record, its
//!   slot, a node, the slot count and the share count; each of the `e` expiring purchases
//!   reads its record, the slot count and up to 64 nodes (its shares), writes up to 32 nodes
//!   and releases its hold (the account and its holds).
//! - `on_finalize` takes the marker.

use polkadot_sdk::frame_support::weights::{constants::ParityDbWeight, Weight};

/// Weight functions of the share pool.
pub trait WeightInfo {
	/// `buy_shares`.
	fn buy_shares() -> Weight;
	/// `settle`, moving `n` purchases into the pool and expiring `e`.
	fn settle(n: u32, e: u32) -> Weight;
	/// `on_finalize`.
	fn on_finalize() -> Weight;
}

/// Weights from the database accesses of each operation, with ParityDB's costs.
pub struct SubstrateWeight;

impl WeightInfo for SubstrateWeight {
	fn buy_shares() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads_writes(39, 6))
	}
	fn settle(n: u32, e: u32) -> Weight {
		let entering = Weight::from_parts(30_000_000, 3_000)
			.saturating_add(ParityDbWeight::get().reads_writes(34, 5));
		let expiring = Weight::from_parts(60_000_000, 6_000)
			.saturating_add(ParityDbWeight::get().reads_writes(68, 34));
		let draw = Weight::from_parts(700_000_000, 12_000)
			.saturating_add(ParityDbWeight::get().reads_writes(3 * (64 + 2) + 5, 3 * (32 + 1) + 5));
		let payouts = Weight::from_parts(6 * 40_000_000, 6 * 3_000)
			.saturating_add(ParityDbWeight::get().reads_writes(6 * 4, 6 * 3 + 2));
		Weight::from_parts(40_000_000, 2_000)
			.saturating_add(ParityDbWeight::get().reads_writes(6, 5))
			.saturating_add(draw)
			.saturating_add(payouts)
			.saturating_add(entering.saturating_mul(n.into()))
			.saturating_add(expiring.saturating_mul(e.into()))
	}
	fn on_finalize() -> Weight {
		Weight::from_parts(2_000_000, 0).saturating_add(ParityDbWeight::get().reads_writes(1, 1))
	}
}

impl WeightInfo for () {
	fn buy_shares() -> Weight {
		SubstrateWeight::buy_shares()
	}
	fn settle(n: u32, e: u32) -> Weight {
		SubstrateWeight::settle(n, e)
	}
	fn on_finalize() -> Weight {
		SubstrateWeight::on_finalize()
	}
}
