//! Proving and verifying keys.
//!
//! A real network loads keys from files made by a multi-party ceremony ([`load_keys`]).
//! For development there is [`dev_keys`]: **INSECURE** keys whose "toxic waste" comes from
//! a public string, so anyone can forge proofs with them. They are deterministic (node and
//! wallet derive the same keys without exchanging files) and cached on disk after the
//! first derivation; their verifying keys are pinned by digest in the tests.

use crate::{input::InputCircuit, output::OutputCircuit, ProvingKey};
use ark_bn254::Bn254;
use ark_groth16::Groth16;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use ark_snark::SNARK;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;
pub use sero_shielded_primitives::Circuit;
use std::{
	fs,
	path::{Path, PathBuf},
};

/// The proving keys of both circuits.
#[derive(Clone)]
pub struct Keys {
	/// For outputs.
	pub output: ProvingKey,
	/// For inputs.
	pub input: ProvingKey,
}

impl Keys {
	/// The proving key of `circuit`.
	pub fn proving_key(&self, circuit: Circuit) -> &ProvingKey {
		match circuit {
			Circuit::Output => &self.output,
			Circuit::Input => &self.input,
		}
	}
}

/// Why keys could not be made or loaded.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
	/// A file could not be read or written.
	#[error("{path}: {source}")]
	Io {
		/// The file.
		path: PathBuf,
		/// What went wrong.
		source: std::io::Error,
	},
	/// A file holds no valid key.
	#[error("{path}: not a valid Groth16 BN254 proving key ({reason})")]
	Invalid {
		/// The file.
		path: PathBuf,
		/// What went wrong.
		reason: String,
	},
	/// The circuit could not be synthesised.
	#[error("setup of the {0} circuit failed: {1}")]
	Synthesis(&'static str, String),
}

/// The label the development keys are derived from. Changing it changes every dev key.
pub const DEV_SETUP_LABEL: &str = "SERO INSECURE development setup v2";

/// Derives the **INSECURE** development proving key of `circuit`.
pub fn derive_dev_key(circuit: Circuit) -> Result<ProvingKey, SetupError> {
	let seed = blake2b_simd::Params::new()
		.hash_length(32)
		.to_state()
		.update(DEV_SETUP_LABEL.as_bytes())
		.update(circuit.name().as_bytes())
		.finalize();
	let mut rng = ChaCha20Rng::from_seed(seed.as_bytes().try_into().expect("32 bytes"));
	let result = match circuit {
		Circuit::Output => {
			Groth16::<Bn254>::circuit_specific_setup(OutputCircuit::blank(), &mut rng)
		},
		Circuit::Input => Groth16::<Bn254>::circuit_specific_setup(InputCircuit::blank(), &mut rng),
	};
	result.map(|(pk, _)| pk).map_err(|e| SetupError::Synthesis(circuit.name(), e.to_string()))
}

/// The **INSECURE** development keys, from the cache in `dir` or derived (and cached).
pub fn dev_keys(dir: &Path) -> Result<Keys, SetupError> {
	let key = |circuit: Circuit| -> Result<ProvingKey, SetupError> {
		let path = dir.join(format!("sero-{}-dev-v2.pk", circuit.name()));
		if path.exists() {
			return read_key(&path);
		}
		let key = derive_dev_key(circuit)?;
		write_key(&path, &key)?;
		Ok(key)
	};
	Ok(Keys { output: key(Circuit::Output)?, input: key(Circuit::Input)? })
}

/// Keys for a real network: `sero-output.pk` and `sero-input.pk` in `dir`.
pub fn load_keys(dir: &Path) -> Result<Keys, SetupError> {
	Ok(Keys {
		output: read_key(&dir.join("sero-output.pk"))?,
		input: read_key(&dir.join("sero-input.pk"))?,
	})
}

/// Where keys are kept unless told otherwise: `$SERO_PARAMS_DIR`, else
/// `$XDG_CACHE_HOME/sero/params`, else `~/.cache/sero/params`.
pub fn default_dir() -> PathBuf {
	if let Some(dir) = std::env::var_os("SERO_PARAMS_DIR") {
		return dir.into();
	}
	let cache = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).unwrap_or_else(|| {
		PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| ".".into())).join(".cache")
	});
	cache.join("sero").join("params")
}

/// Reads a proving key, checking every point.
pub fn read_key(path: &Path) -> Result<ProvingKey, SetupError> {
	let bytes = fs::read(path).map_err(|source| SetupError::Io { path: path.into(), source })?;
	ProvingKey::deserialize_with_mode(&bytes[..], Compress::No, Validate::Yes)
		.map_err(|e| SetupError::Invalid { path: path.into(), reason: e.to_string() })
}

/// Writes a proving key (atomically: a crash leaves no half-written file).
pub fn write_key(path: &Path, key: &ProvingKey) -> Result<(), SetupError> {
	let io = |source| SetupError::Io { path: path.into(), source };
	if let Some(parent) = path.parent() {
		fs::create_dir_all(parent).map_err(io)?;
	}
	let mut bytes = Vec::with_capacity(key.serialized_size(Compress::No));
	key.serialize_with_mode(&mut bytes, Compress::No).expect("writing to a Vec");
	let partial = path.with_extension("partial");
	fs::write(&partial, &bytes).map_err(io)?;
	fs::rename(&partial, path).map_err(io)
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Keys are cached where the environment says: `$SERO_PARAMS_DIR` if set, else a
	/// `sero/params` directory under the user's cache; never the working directory.
	#[test]
	fn keys_are_cached_where_the_environment_says() {
		let dir = default_dir();
		match std::env::var_os("SERO_PARAMS_DIR") {
			Some(set) => assert_eq!(dir, PathBuf::from(set)),
			None => {
				assert!(dir.ends_with("sero/params") && dir.components().count() > 2, "{dir:?}")
			},
		}
	}
	/// A verifying key's bytes decode to the same key; bytes cut short, or no point at all
	/// (every coordinate above the field's modulus), decode to nothing.
	#[test]
	fn verifying_keys_round_trip_and_other_bytes_are_refused() {
		let keys = dev_keys(&default_dir()).unwrap();
		use sero_groth16::{verifying_key_bytes, verifying_key_from_bytes};
		let bytes = verifying_key_bytes(&keys.output.vk);
		assert_eq!(verifying_key_from_bytes(&bytes), Some(keys.output.vk.clone()));
		assert_eq!(verifying_key_from_bytes(&bytes[..bytes.len() - 1]), None);
		assert_eq!(verifying_key_from_bytes(&vec![0xff; bytes.len()]), None);
	}
}
