//! `sero-node pow …`: ProgPoW utilities that need no chain.

use polkadot_sdk::sc_cli;
use sero_progpow::LightCaches;

/// ProgPoW utilities.
#[derive(Debug, clap::Subcommand)]
pub enum PowCmd {
	/// Compute the ProgPoW 0.9.2 hash of a header hash and nonce at a height, and
	/// print `{"mix_hash":…,"final_hash":…}`. Header hash and nonce mean what they
	/// mean in EIP-1057's published vectors.
	Hash(PowHashCmd),
}

/// Arguments of `sero-node pow hash`.
#[derive(Debug, clap::Args)]
pub struct PowHashCmd {
	/// Block height (selects the epoch and the ProgPoW period).
	#[arg(long)]
	pub height: u64,
	/// The 32-byte header hash as 64 hex digits (`0x` optional).
	#[arg(long, value_parser = parse_header_hash)]
	pub header_hash: [u8; 32],
	/// The 64-bit nonce as 16 hex digits, big-endian (`0x` optional).
	#[arg(long, value_parser = parse_nonce)]
	pub nonce: u64,
}

fn strip_0x(s: &str) -> &str {
	s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")).unwrap_or(s)
}

fn parse_header_hash(s: &str) -> Result<[u8; 32], String> {
	let digits = strip_0x(s);
	if digits.len() != 64 {
		return Err(format!("expected 64 hex digits, got {}", digits.len()));
	}
	let bytes = hex::decode(digits).map_err(|e| format!("not hex: {e}"))?;
	Ok(bytes.try_into().expect("64 hex digits are 32 bytes; qed"))
}

fn parse_nonce(s: &str) -> Result<u64, String> {
	let digits = strip_0x(s);
	if digits.len() != 16 {
		return Err(format!("expected 16 hex digits, got {}", digits.len()));
	}
	u64::from_str_radix(digits, 16).map_err(|e| format!("not hex: {e}"))
}

impl PowCmd {
	/// Runs the subcommand, printing its result on standard output.
	pub fn run(&self) -> sc_cli::Result<()> {
		match self {
			PowCmd::Hash(cmd) => {
				println!("{}", cmd.hash_json());
				Ok(())
			},
		}
	}
}

impl PowHashCmd {
	/// The hash as one line of JSON.
	fn hash_json(&self) -> String {
		let out = LightCaches::default().hash(self.height, &self.header_hash, self.nonce);
		format!(
			r#"{{"mix_hash":"{}","final_hash":"{}"}}"#,
			hex::encode(out.mix_hash),
			hex::encode(out.final_hash)
		)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn parses_hex_with_or_without_prefix() {
		assert_eq!(parse_nonce("0x00000000076e482e"), Ok(0x076e482e));
		assert_eq!(parse_nonce("00000000076e482e"), Ok(0x076e482e));
		assert_eq!(parse_header_hash(&"ab".repeat(32)), Ok([0xab; 32]));
		assert_eq!(parse_header_hash(&format!("0x{}", "00".repeat(32))), Ok([0; 32]));
	}

	#[test]
	fn rejects_bad_lengths_and_digits() {
		assert!(parse_nonce("1234").unwrap_err().contains("16 hex digits"));
		assert!(parse_nonce("zz00000000000000").unwrap_err().contains("not hex"));
		assert!(parse_header_hash("00").unwrap_err().contains("64 hex digits"));
	}

	#[test]
	fn prints_the_published_vector() {
		let cmd = PowHashCmd {
			height: 50,
			header_hash: parse_header_hash(
				"9e7248f20914913a73d80a70174c331b1d34f260535ac3631d770e656b5dd922",
			)
			.unwrap(),
			nonce: parse_nonce("00000000076e482e").unwrap(),
		};
		assert_eq!(
			cmd.hash_json(),
			r#"{"mix_hash":"c7340542c2a06b3a7dc7222635f7cd402abf8b528ae971ddac6bbe2b0c7cb518","final_hash":"de37e1824c86d35d154cf65a88de6d9286aec4f7f10c3fc9f0fa1bcc2687188d"}"#
		);
	}
}
