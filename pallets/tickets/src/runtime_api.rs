//! What wallets and explorers ask about tickets: a ticket by its asset id (its category,
//! value and data), a category by its name.

use crate::{Category, Ticket};
use alloc::vec::Vec;
use codec::Codec;
use sero_shielded_primitives::AssetId;

/// A ticket as the API returns it: its category's name and its data as plain bytes.
pub type TicketRecord = Ticket<Vec<u8>, Vec<u8>>;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// The tickets, read-only.
	pub trait TicketsApi<AccountId: Codec> {
		/// The ticket with asset id `id`, if allotted.
		fn ticket(id: AssetId) -> Option<TicketRecord>;
		/// The category named `name`, if registered.
		fn category(name: Vec<u8>) -> Option<Category<AccountId>>;
	}
}
