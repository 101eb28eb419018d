//! What a vote earns (SPEC §7): `min(10.5 + 0.000076854301391338 · pool_size, 35.6) SERO`
//! per block, halved on the PoW reward's schedule and shared by the block's three votes; a
//! solo vote earns 3/4 of a vote through a StakingNode, which keeps its fee of the latter.

use crate::{Balance, SERO, SHARES_DRAWN_PER_BLOCK};

/// The votes' reward for a block when the pool is empty: 10.5 SERO.
pub const POS_REWARD_BASE: Balance = 10 * SERO + SERO / 2;

/// What each share in the pool adds to it: 0.000076854301391338 SERO.
pub const POS_REWARD_STEP: Balance = 76_854_301_391_338;

/// The most it can be: 35.6 SERO, reached at 326,593 shares (at the whitepaper's 326,592 it
/// is 139,904 ta short).
pub const POS_REWARD_CAP: Balance = 35 * SERO + 6 * SERO / 10;

/// The lowest fee a StakingNode may charge, in basis points of its votes' reward (25 %).
pub const MIN_FEE_BPS: u16 = 2_500;

/// The highest fee a StakingNode may charge, in basis points (75 %).
pub const MAX_FEE_BPS: u16 = 7_500;

/// What one vote through a StakingNode earns for a block with `pool_size` shares in the pool,
/// after `halvings` halvings: the block's reward over [`SHARES_DRAWN_PER_BLOCK`], rounded down.
pub fn node_vote_reward(pool_size: u64, halvings: u32) -> Balance {
	let block = POS_REWARD_BASE
		.saturating_add(POS_REWARD_STEP.saturating_mul(Balance::from(pool_size)))
		.min(POS_REWARD_CAP);
	block.checked_shr(halvings).unwrap_or(0) / Balance::from(SHARES_DRAWN_PER_BLOCK)
}

/// What a solo vote earns: 3/4 of [`node_vote_reward`], rounded down.
pub fn solo_vote_reward(pool_size: u64, halvings: u32) -> Balance {
	node_vote_reward(pool_size, halvings) * 3 / 4
}

/// A node vote's reward split between the StakingNode and the share's holder.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct NodeSplit {
	/// The node's fee: `fee_bps` of the reward, rounded down.
	pub node: Balance,
	/// The rest, the share holder's.
	pub holder: Balance,
}

/// Splits `reward` by a StakingNode's fee of `fee_bps` basis points; `None` for a fee outside
/// [`MIN_FEE_BPS`]`..=`[`MAX_FEE_BPS`]. The two parts add up to `reward`.
pub fn split_node_reward(reward: Balance, fee_bps: u16) -> Option<NodeSplit> {
	if !(MIN_FEE_BPS..=MAX_FEE_BPS).contains(&fee_bps) {
		return None;
	}
	let node = reward / 10_000 * Balance::from(fee_bps)
		+ reward % 10_000 * Balance::from(fee_bps) / 10_000;
	Some(NodeSplit { node, holder: reward - node })
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Figures from Python's integers: `min(105·10¹⁷ + 76854301391338·p, 356·10¹⁷) // 2**h // 3`.
	#[test]
	fn a_vote_earns_a_third_of_the_block_reward_which_grows_with_the_pool_up_to_its_cap() {
		assert_eq!(node_vote_reward(0, 0), 3_500_000_000_000_000_000);
		assert_eq!(node_vote_reward(20_000, 1), 2_006_181_004_637_793_333);
		assert_eq!(node_vote_reward(326_592, 0), (POS_REWARD_CAP - 139_904) / 3);
		assert_eq!(node_vote_reward(326_593, 0), 11_866_666_666_666_666_666);
		assert_eq!(node_vote_reward(1_000_000, 0), 11_866_666_666_666_666_666);
		assert_eq!(node_vote_reward(u64::MAX, 0), POS_REWARD_CAP / 3);
	}

	#[test]
	fn the_reward_halves_with_each_halving_and_ends() {
		assert_eq!(node_vote_reward(0, 1), 1_750_000_000_000_000_000);
		assert_eq!(node_vote_reward(0, 2), 875_000_000_000_000_000);
		assert_eq!(node_vote_reward(0, 127), 0);
		assert_eq!(node_vote_reward(0, 128), 0);
		assert_eq!(node_vote_reward(0, u32::MAX), 0);
	}

	#[test]
	fn a_solo_vote_earns_three_quarters_of_a_node_vote() {
		assert_eq!(solo_vote_reward(0, 0), 2_625_000_000_000_000_000);
		assert_eq!(solo_vote_reward(20_000, 0), 3_009_271_506_956_689_999);
	}

	#[test]
	fn a_node_keeps_its_fee_and_the_holder_the_rest() {
		let reward = 3_500_000_000_000_000_000;
		let split = split_node_reward(reward, 2_500).unwrap();
		assert_eq!(
			split,
			NodeSplit { node: 875_000_000_000_000_000, holder: 2_625_000_000_000_000_000 }
		);
		// 75 % of 10,001 ta is 7,500.75 ta: the node gets 7,500, the holder 2,501.
		assert_eq!(
			split_node_reward(10_001, 7_500),
			Some(NodeSplit { node: 7_500, holder: 2_501 })
		);
		// 75 % of 19,999 ta is 14,999.25 ta: the remainder below 10,000 ta is shared too.
		assert_eq!(
			split_node_reward(19_999, 7_500),
			Some(NodeSplit { node: 14_999, holder: 5_000 })
		);
		// No overflow at the largest amount.
		let all = split_node_reward(Balance::MAX, 7_500).unwrap();
		assert_eq!(all.node + all.holder, Balance::MAX);
	}

	#[test]
	fn a_fee_outside_a_quarter_to_three_quarters_is_refused() {
		assert_eq!(split_node_reward(100, 2_499), None);
		assert_eq!(split_node_reward(100, 7_501), None);
		assert!(split_node_reward(100, MIN_FEE_BPS).is_some());
		assert!(split_node_reward(100, MAX_FEE_BPS).is_some());
	}
}
