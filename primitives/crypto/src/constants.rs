//! The domain-separation tags of the shielded protocol (SPEC §2: "every hash and signature
//! is domain-separated"), in one place, so that no two uses share a tag; the test below
//! checks they are distinct. Each is a BLAKE2b personalisation (at most 16 bytes, which the
//! test checks too), except [`TRANSACTION_SIGNING`], which prefixes the hashed data.

/// The spend signature of an input, by `zskr + a` under its `zpka` (SPEC §5).
pub const SPEND_SIGNATURE: &str = "SERO_sig_spend";
/// The balance signature, by `bsk` (SPEC §5).
pub const BALANCE_SIGNATURE: &str = "SERO_sig_bal";
/// A PoS vote signed by a share's Baby Jubjub key (SPEC §7).
pub const VOTE_SIGNATURE: &str = "SERO_sig_vote";
/// The signature of a transaction's `From`, by `zskr` under its `ZPKr` (SPEC §5).
pub const FROM_SIGNATURE: &str = "SERO_sig_from";
/// The deterministic nonce of a Schnorr signature.
pub const SIGNATURE_NONCE: &str = "SERO_sig_nonce";
/// The checksum of an address's base58 text (SPEC §3).
pub const ADDRESS_CHECKSUM: &str = "SERO_address";
/// The asset id of a token, from its name (SPEC §4).
pub const TOKEN_ASSET_ID: &str = "SERO_AssetId";
/// The asset id of a ticket, from its category and value (SPEC §4).
pub const TICKET_ASSET_ID: &str = "SERO_TicketId";
/// The blinding and key of a note the runtime pays to a PKr (SPEC §4).
pub const PUBLIC_NOTE: &str = "SERO_public_note";
/// `zsk` from the seed (SPEC §3).
pub const ZSK: &str = "SERO_zsk";
/// `vsk` from the seed (SPEC §3).
pub const VSK: &str = "SERO_vsk";
/// The viewing half of a one-time address's secret (SPEC §3).
pub const PKR_VIEWING: &str = "SERO_pkr_v";
/// The spending half of a one-time address's secret (SPEC §3).
pub const PKR_SPENDING: &str = "SERO_pkr_z";
/// The fixed generators `G` and `G_r`, from their names (SPEC §2).
pub const GENERATOR: &str = "SERO_Generator";
/// The key of a note's encryption, from the shared point (SPEC §2, §4).
pub const NOTE_KEY: &str = "SERO_note_key";
/// The associated data of a package's sealed content, before the package's id (SPEC §6).
pub const PACKAGE_SEAL: &str = "SERO_pkg_seal";
/// The random weights of a batch of Groth16 verifications (docs/SHIELDED.md).
pub const GROTH16_BATCH: &str = "SERO_g16_batch";
/// What a shielded transaction's spend, balance and `From` signatures sign: the hash of this
/// tag and the transaction's body (SPEC §5).
pub const TRANSACTION_SIGNING: &str = "SERO shielded transaction v3";

/// Every tag above.
pub const ALL: [&str; 18] = [
	SPEND_SIGNATURE,
	BALANCE_SIGNATURE,
	VOTE_SIGNATURE,
	FROM_SIGNATURE,
	SIGNATURE_NONCE,
	ADDRESS_CHECKSUM,
	TOKEN_ASSET_ID,
	TICKET_ASSET_ID,
	PUBLIC_NOTE,
	ZSK,
	VSK,
	PKR_VIEWING,
	PKR_SPENDING,
	GENERATOR,
	NOTE_KEY,
	PACKAGE_SEAL,
	GROTH16_BATCH,
	TRANSACTION_SIGNING,
];

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_tags_are_distinct_and_fit_a_personalisation() {
		for (i, a) in ALL.iter().enumerate() {
			assert!(ALL[i + 1..].iter().all(|b| a != b), "{a} is used twice");
			// A personalisation is zero-padded: no tag may be another followed by NULs.
			assert!(!a.contains('\0'));
			if *a != TRANSACTION_SIGNING {
				assert!(a.len() <= 16, "{a} is longer than a BLAKE2b personalisation");
			}
		}
	}
}
