//! Share prices (SPEC §7): `2 SERO + 0.000759357240838722 SERO × pool_size`, the pool size
//! rising by one with each share of the same purchase.

use crate::{Balance, SERO};

/// The price of a share bought into an empty pool: 2 SERO.
pub const BASE_PRICE: Balance = 2 * SERO;

/// What each share already in the pool adds to the price: 0.000759357240838722 SERO.
pub const PRICE_STEP: Balance = 759_357_240_838_722;

/// The most shares one purchase buys.
pub const MAX_SHARES_PER_PURCHASE: u32 = 1_000;

/// The price of one share bought into a pool of `pool_size` shares. The pallet counts in
/// `pool_size` the shares waiting to enter the pool as well (bought earlier in the same
/// block), as go-sero does, so that splitting a purchase within a block saves nothing.
///
/// Cannot overflow: `PRICE_STEP · u64::MAX` is below 2¹¹⁴ (and a purchase's sum in [`quote`]
/// below 2¹²⁴).
pub fn share_price(pool_size: u64) -> Balance {
	BASE_PRICE + PRICE_STEP * Balance::from(pool_size)
}

/// What a purchase of `count` shares into a pool of `pool_size` costs.
///
/// The `k`-th share of the purchase is priced as if the `k` before it were in the pool
/// already, so the exact sum is `count · share_price(pool_size) + PRICE_STEP · count·(count −
/// 1)/2`. Every share of one purchase is recorded at the same price, the sum's mean rounded
/// down, so that each returns the same principal when it is paid back; the buyer pays
/// `count` times that (less than the sum by under `count` ta) and nothing is left over
/// between the pool and the buyer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Purchase {
	/// The number of shares bought.
	pub count: u32,
	/// The price recorded for each of them, and paid back as its principal.
	pub price_each: Balance,
}

impl Purchase {
	/// What the buyer pays: `count · price_each`.
	pub fn total(&self) -> Balance {
		self.price_each * Balance::from(self.count)
	}
}

/// Why a purchase cannot be priced.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PriceError {
	/// A purchase of no shares.
	NoShares,
	/// More than [`MAX_SHARES_PER_PURCHASE`] shares at once.
	TooManyShares,
}

/// The price of `count` shares bought at once into a pool of `pool_size` (see [`Purchase`]).
pub fn quote(pool_size: u64, count: u32) -> Result<Purchase, PriceError> {
	if count == 0 {
		return Err(PriceError::NoShares);
	}
	if count > MAX_SHARES_PER_PURCHASE {
		return Err(PriceError::TooManyShares);
	}
	let n = Balance::from(count);
	let sum = n * share_price(pool_size) + PRICE_STEP * (n * (n - 1) / 2);
	Ok(Purchase { count, price_each: sum / n })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_first_share_costs_two_sero_and_each_share_in_the_pool_adds_the_step() {
		assert_eq!(share_price(0), 2_000_000_000_000_000_000);
		assert_eq!(share_price(1), 2_000_759_357_240_838_722);
		assert_eq!(share_price(20_000), 2 * SERO + 20_000 * 759_357_240_838_722);
		assert_eq!(quote(0, 1), Ok(Purchase { count: 1, price_each: 2 * SERO }));
		assert_eq!(quote(20_000, 1).unwrap().total(), share_price(20_000));
	}

	/// Two shares into an empty pool: 2 SERO and 2 SERO + one step, 2 SERO + half a step
	/// each (the step is even, so nothing is rounded away).
	#[test]
	fn shares_of_one_purchase_are_priced_as_if_the_earlier_ones_were_in_the_pool() {
		let p = quote(0, 2).unwrap();
		assert_eq!(p.price_each, 2 * SERO + PRICE_STEP / 2);
		assert_eq!(p.total(), share_price(0) + share_price(1));
		// Three shares into a pool of five: the prices at 5, 6 and 7, whose mean is the price at 6.
		assert_eq!(quote(5, 3).unwrap().price_each, share_price(6));
	}

	/// 1,000 shares into a pool of 10,000: Σ over pool sizes 10,000 … 10,999, 9,972.871… SERO
	/// (the figure from Python's integers).
	#[test]
	fn a_full_purchase_costs_the_sum_of_its_shares_rounded_down_to_a_multiple_of_the_count() {
		let p = quote(10_000, 1_000).unwrap();
		let sum: Balance = (10_000..11_000).map(share_price).sum();
		assert_eq!(sum, 9_972_871_350_186_161_639_000);
		assert_eq!(p.price_each, sum / 1_000);
		assert_eq!(p.total(), sum - sum % 1_000);
		assert!(sum - p.total() < 1_000);
	}

	#[test]
	fn a_purchase_of_none_or_more_than_a_thousand_shares_is_refused() {
		assert_eq!(quote(0, 0), Err(PriceError::NoShares));
		assert_eq!(quote(0, MAX_SHARES_PER_PURCHASE + 1), Err(PriceError::TooManyShares));
		assert!(quote(u64::MAX - 1_000, MAX_SHARES_PER_PURCHASE).is_ok());
	}
}
