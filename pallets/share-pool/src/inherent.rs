//! The share pool's inherent: what the node hands the runtime for it.
//!
//! Every block carries, as its share-pool inherent, the full header of its parent
//! (docs/CONSENSUS.md, "How the runtime learns N's votes"): the runtime never sees its own
//! block's seal, so the draw of block N is settled by block N + 1 from N's sealed header.
//! The node puts the parent's header, SCALE-encoded, in the inherent data under
//! [`INHERENT_IDENTIFIER`]; the call checks that it hashes to the block's `parent_hash`, so
//! a block author has no choice in it.

use codec::{Decode, Encode};
use polkadot_sdk::frame_support::inherent::{InherentIdentifier, IsFatalError};

/// Where the parent's header is in the inherent data.
pub const INHERENT_IDENTIFIER: InherentIdentifier = *b"sharepl0";

/// Why a block's share-pool inherent is wrong.
#[derive(Encode, Decode, Debug, PartialEq, Eq)]
pub enum InherentError {
	/// The block does not carry it.
	Missing,
}

impl IsFatalError for InherentError {
	fn is_fatal_error(&self) -> bool {
		true
	}
}
