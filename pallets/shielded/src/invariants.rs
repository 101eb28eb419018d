//! What holds of the pool after every block (`try_state`) and every test.

use crate::{types::AssetKind, Config, Pallet, Registry, Supply};
use polkadot_sdk::frame_support::{
	ensure,
	traits::{fungible, fungibles},
};

impl<T: Config> Pallet<T> {
	/// The pool account holds what is shielded (plus SERO's existential deposit): at least
	/// that, and exactly that unless someone sent it more.
	pub fn check_pool_backing() -> Result<(), &'static str> {
		use fungible::Inspect as _;
		use fungibles::Inspect as _;
		let pool = Self::pool_account();
		for (id, info) in Registry::<T>::iter() {
			let supply = Supply::<T>::get(id);
			let held = match info.kind {
				AssetKind::Native => {
					T::Currency::balance(&pool).saturating_sub(T::Currency::minimum_balance())
				},
				AssetKind::Token(token) => T::Tokens::balance(token, &pool),
			};
			// At least: anyone may send the pool account more.
			ensure!(held >= supply, "the pool account holds less than is shielded");
		}
		Ok(())
	}
}
