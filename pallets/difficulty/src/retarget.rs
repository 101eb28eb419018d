//! The retarget rule: pure arithmetic, tested on its own.

use polkadot_sdk::sp_core::U256;

/// The difficulty may rise or fall by at most `1 / MAX_STEP_DIVISOR` of itself per
/// block: 25 %, so a dev chain whose first guess is off by 10× settles within about
/// ten blocks while one fast or slow block cannot swing it.
pub const MAX_STEP_DIVISOR: u32 = 4;

/// The difficulty the next block must meet.
///
/// `timestamps` are the times (ms) of the most recent blocks, oldest first. The
/// average interval they show is compared with `target_ms`: blocks coming faster
/// than the target raise the difficulty in proportion, slower ones lower it. The
/// change is bounded by [`MAX_STEP_DIVISOR`] and the result never drops below
/// `minimum`. With fewer than two timestamps there is nothing to measure and the
/// difficulty stays as it is.
pub fn next_difficulty(current: U256, timestamps: &[u64], target_ms: u64, minimum: U256) -> U256 {
	let current = current.max(minimum);
	let (Some(first), Some(last)) = (timestamps.first(), timestamps.last()) else {
		return current;
	};
	let intervals = timestamps.len() as u64 - 1;
	if intervals == 0 || target_ms == 0 {
		return current;
	}
	let observed = last.saturating_sub(*first).max(1);
	let expected = target_ms.saturating_mul(intervals);

	let step = current / MAX_STEP_DIVISOR;
	let upper = current.saturating_add(step);
	let lower = current - step;
	let proposed = match current.checked_mul(U256::from(expected)) {
		Some(scaled) => scaled / U256::from(observed),
		None => (current / U256::from(observed)).saturating_mul(U256::from(expected)),
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
	fn fast_blocks_raise_and_slow_blocks_lower_it_in_proportion() {
		let d = U256::from(10_000u32);
		// 10 % faster than target → 10 % harder (within the step bound).
		let faster = next_difficulty(d, &times(&[5_400; 10]), TARGET, 1.into());
		assert_eq!(faster, U256::from(11_111u32));
		let slower = next_difficulty(d, &times(&[6_600; 10]), TARGET, 1.into());
		assert_eq!(slower, U256::from(9_090u32));
	}

	#[test]
	fn change_per_block_is_bounded() {
		let d = U256::from(10_000u32);
		assert_eq!(next_difficulty(d, &times(&[1; 10]), TARGET, 1.into()), U256::from(12_500u32));
		assert_eq!(
			next_difficulty(d, &times(&[1_000_000; 10]), TARGET, 1.into()),
			U256::from(7_500u32)
		);
		// Equal timestamps (a clock that did not move) are treated as 1 ms apart.
		assert_eq!(next_difficulty(d, &[5, 5, 5], TARGET, 1.into()), U256::from(12_500u32));
	}

	#[test]
	fn never_below_the_minimum() {
		let min = U256::from(9_000u32);
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
