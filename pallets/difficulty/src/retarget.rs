//! The retarget rule: pure arithmetic, tested on its own.

use polkadot_sdk::sp_core::U256;

/// The difficulty may rise or fall by at most `1 / MAX_STEP_DIVISOR` of itself per
/// block: 25 %, so one fast or slow block cannot swing it. A chain whose first guess is
/// 10× too easy reaches its target difficulty (± 10 %) in about 11 blocks; 10× too hard,
/// in about 18 (slow) blocks.
pub const MAX_STEP_DIVISOR: u32 = 4;

/// The difficulty the next block must meet.
///
/// `timestamps` are the times (ms) of the most recent blocks, oldest first: `k`
/// intervals that took `observed` ms where the target is `expected = k · target_ms`.
/// The full correction would be `current · expected / observed`, but every one of the
/// next `k` blocks sees nearly the same window, so each applies only a `1 / k` share of
/// it:
///
/// `next = current · (1 + (expected / observed − 1) / k)
///       = current · (expected + (k − 1) · observed) / (k · observed)`.
///
/// Applying the whole correction every block corrects the same lagging window `k` times
/// over: with a constant hashrate the difficulty then swings by two orders of magnitude
/// around its target (block times from under a second to half a minute on a 6 s dev
/// chain). Applied in shares, it settles on the target and stays there
/// (`constant_hashrate_settles_on_the_target_block_time` below).
///
/// Faster blocks raise the difficulty, slower ones lower it; the change is bounded by
/// [`MAX_STEP_DIVISOR`] and the result never drops below `minimum`. With fewer than two
/// timestamps there is nothing to measure and the difficulty stays as it is.
pub fn next_difficulty(current: U256, timestamps: &[u64], target_ms: u64, minimum: U256) -> U256 {
	let current = current.max(minimum);
	let (Some(first), Some(last)) = (timestamps.first(), timestamps.last()) else {
		return current;
	};
	let intervals = timestamps.len() as u64 - 1;
	if intervals == 0 || target_ms == 0 {
		return current;
	}
	let observed = U256::from(last.saturating_sub(*first).max(1));
	let expected = U256::from(target_ms) * U256::from(intervals);
	let k = U256::from(intervals);
	let numerator = expected + (k - 1) * observed;
	let denominator = k * observed;

	let step = current / MAX_STEP_DIVISOR;
	let upper = current.saturating_add(step);
	let lower = current - step;
	let proposed = match current.checked_mul(numerator) {
		Some(scaled) => scaled / denominator,
		None => (current / denominator).saturating_mul(numerator),
	};
	proposed.clamp(lower, upper).max(minimum)
}

#[cfg(test)]
mod tests {
	use super::*;

	const TARGET: u64 = 6_000;

	fn times(intervals: &[u64]) -> Vec<u64> {
		let mut t = vec![1_000_000];
		for i in intervals {
			t.push(t.last().unwrap() + i);
		}
		t
	}

	#[test]
	fn on_target_blocks_keep_the_difficulty() {
		let d = U256::from(10_000u32);
		assert_eq!(next_difficulty(d, &times(&[TARGET; 10]), TARGET, 1.into()), d);
	}

	#[test]
	fn fast_blocks_raise_and_slow_blocks_lower_it_by_a_share_of_the_gap() {
		let d = U256::from(10_000u32);
		// 10 intervals 10 % faster than target: the full correction is ×1.111; one
		// block applies a tenth of it.
		let faster = next_difficulty(d, &times(&[5_400; 10]), TARGET, 1.into());
		assert_eq!(faster, U256::from(10_111u32));
		let slower = next_difficulty(d, &times(&[6_600; 10]), TARGET, 1.into());
		assert_eq!(slower, U256::from(9_909u32));
		// With one interval the share is the whole correction.
		let one = next_difficulty(d, &times(&[5_000]), TARGET, 1.into());
		assert_eq!(one, U256::from(12_000u32));
	}

	/// A miner of constant hashrate whose blocks take exactly `difficulty / hashrate`:
	/// the difficulty of each of `blocks` blocks, from `initial`, with a 24-block window.
	fn simulate(initial: u64, hashes_per_second: u64, blocks: usize) -> Vec<U256> {
		let mut difficulty = U256::from(initial);
		let mut now = 1_000_000u64;
		let mut window = vec![now];
		let mut history = Vec::new();
		for _ in 0..blocks {
			history.push(difficulty);
			now += difficulty.as_u64() * 1_000 / hashes_per_second;
			window.push(now);
			if window.len() > 24 {
				window.remove(0);
			}
			difficulty = next_difficulty(difficulty, &window, TARGET, 1.into());
		}
		history
	}

	#[test]
	fn constant_hashrate_settles_on_the_target_block_time() {
		// 600 H/s and a 6 s target: the right difficulty is 3,600.
		for initial in [360, 1_800, 36_000] {
			let history = simulate(initial, 600, 400);
			for (n, d) in history.iter().enumerate().skip(200) {
				let d = d.as_u64();
				assert!(
					(3_564..=3_636).contains(&d),
					"start {initial}: block {n} at {d}, not 3,600 ± 1 %"
				);
			}
		}
	}

	#[test]
	fn change_per_block_is_bounded() {
		let d = U256::from(10_000u32);
		assert_eq!(next_difficulty(d, &times(&[1; 10]), TARGET, 1.into()), U256::from(12_500u32));
		assert_eq!(
			next_difficulty(d, &times(&[1_000_000; 2]), TARGET, 1.into()),
			U256::from(7_500u32)
		);
		// Over a longer window the 1/k share is the tighter bound: at most 1/10 down.
		assert_eq!(
			next_difficulty(d, &times(&[1_000_000; 10]), TARGET, 1.into()),
			U256::from(9_006u32)
		);
		// Equal timestamps (a clock that did not move) are treated as 1 ms apart.
		assert_eq!(next_difficulty(d, &[5, 5, 5], TARGET, 1.into()), U256::from(12_500u32));
	}

	#[test]
	fn never_below_the_minimum() {
		let min = U256::from(9_500u32);
		let d = U256::from(10_000u32);
		assert_eq!(next_difficulty(d, &times(&[60_000; 10]), TARGET, min), min);
		// A stored value below the minimum (minimum raised by governance) is lifted.
		assert_eq!(next_difficulty(U256::from(5u32), &[], TARGET, min), min);
	}

	#[test]
	fn too_few_timestamps_change_nothing() {
		let d = U256::from(777u32);
		assert_eq!(next_difficulty(d, &[], TARGET, 1.into()), d);
		assert_eq!(next_difficulty(d, &[42], TARGET, 1.into()), d);
	}

	#[test]
	fn huge_difficulties_do_not_overflow() {
		let d = U256::MAX / 2;
		let up = next_difficulty(d, &times(&[1; 10]), TARGET, 1.into());
		assert!(up > d);
		let down = next_difficulty(d, &times(&[60_000; 10]), TARGET, 1.into());
		assert!(down < d);
	}

	#[test]
	fn monotonic_in_block_speed() {
		let d = U256::from(1_000_000u32);
		let mut last = U256::MAX;
		for interval in (1_000..20_000).step_by(500) {
			let next = next_difficulty(d, &times(&[interval; 10]), TARGET, 1.into());
			assert!(next <= last, "slower blocks must never raise the difficulty");
			last = next;
		}
	}
}
