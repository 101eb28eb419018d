//! The keystore: the account's seed, sealed under a password.
//!
//! The key is `argon2id(password, salt)` (64 MiB, 3 passes by default: RFC 9106's second
//! recommendation at one lane), and the seed is sealed with ChaCha20-Poly1305 under a random
//! nonce. The associated data binds the file's version, its KDF parameters and the account's
//! PK, so none of them can be swapped without the password: a wrong password and an altered
//! file both fail authentication, and nothing of the seed is learnt either way.
//!
//! The file is JSON, written atomically with owner-only permissions.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::{aead::Aead, aead::Payload, ChaCha20Poly1305, KeyInit, Nonce};
use rand_core::{CryptoRng, RngCore};
use serde_json::{json, Value};
use sero_crypto::keys::{PublicKey, Seed, SpendingKey};
use std::{fs, io::Write, path::Path};
use zeroize::Zeroizing;

/// The keystore format this wallet writes and reads.
const VERSION: u64 = 1;

/// Why a keystore could not be read, written or opened.
#[derive(Debug, thiserror::Error)]
pub enum KeystoreError {
	/// The password does not open the keystore.
	#[error("wrong password (or the keystore file was altered)")]
	WrongPassword,
	/// The file is not a keystore this wallet understands.
	#[error("{path} is not a valid keystore: {reason}")]
	Malformed {
		/// The file.
		path: String,
		/// What is wrong.
		reason: String,
	},
	/// Reading or writing failed.
	#[error("{path}: {source}")]
	Io {
		/// The file.
		path: String,
		/// The I/O error.
		source: std::io::Error,
	},
}

/// Argon2id's cost parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
	/// Memory, in KiB.
	pub memory_kib: u32,
	/// Passes over the memory.
	pub iterations: u32,
}

impl Default for KdfParams {
	fn default() -> Self {
		Self { memory_kib: 64 * 1024, iterations: 3 }
	}
}

impl KdfParams {
	/// The most memory a keystore may ask of argon2: 1 GiB, sixteen times the default.
	pub const MAX_MEMORY_KIB: u32 = 1 << 20;
	/// The most passes a keystore may ask of argon2.
	pub const MAX_ITERATIONS: u32 = 16;

	/// Checks the parameters before anything is derived with them: a keystore file is
	/// input, and unbounded parameters would let an altered file demand terabytes of memory
	/// (or years of passes) before the password is ever checked.
	pub fn check(&self) -> Result<Params, String> {
		if self.memory_kib > Self::MAX_MEMORY_KIB {
			return Err(format!(
				"the KDF asks for {} KiB of memory, more than the {} KiB allowed",
				self.memory_kib,
				Self::MAX_MEMORY_KIB
			));
		}
		if self.iterations > Self::MAX_ITERATIONS {
			return Err(format!(
				"the KDF asks for {} passes, more than the {} allowed",
				self.iterations,
				Self::MAX_ITERATIONS
			));
		}
		Params::new(self.memory_kib, self.iterations, 1, Some(32))
			.map_err(|e| format!("KDF parameters: {e}"))
	}
}

/// A sealed seed and what it takes to open it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keystore {
	/// The account's payment address (public: shown without the password).
	pub pk: PublicKey,
	kdf: KdfParams,
	salt: [u8; 16],
	nonce: [u8; 12],
	ciphertext: Vec<u8>,
}

impl Keystore {
	/// Seals `seed` under `password`.
	///
	/// Panics if `kdf` fails [`KdfParams::check`]: the caller chooses them.
	pub fn seal(
		seed: &Seed,
		password: &str,
		kdf: KdfParams,
		rng: &mut (impl RngCore + CryptoRng),
	) -> Self {
		let mut salt = [0u8; 16];
		let mut nonce = [0u8; 12];
		rng.fill_bytes(&mut salt);
		rng.fill_bytes(&mut nonce);
		let pk = SpendingKey::from_seed(seed).public_key();
		let mut keystore = Self { pk, kdf, salt, nonce, ciphertext: Vec::new() };
		let key = keystore.key(password);
		keystore.ciphertext = ChaCha20Poly1305::new((&*key).into())
			.encrypt(
				Nonce::from_slice(&nonce),
				Payload { msg: seed.as_bytes(), aad: &keystore.associated_data() },
			)
			.expect("sealing 32 bytes cannot fail");
		keystore
	}

	/// The KDF parameters the keystore asks for.
	pub fn kdf(&self) -> KdfParams {
		self.kdf
	}

	/// The seed, if `password` is the one it was sealed under.
	pub fn open(&self, password: &str) -> Result<Seed, KeystoreError> {
		let key = self.key(password);
		let plain = Zeroizing::new(
			ChaCha20Poly1305::new((&*key).into())
				.decrypt(
					Nonce::from_slice(&self.nonce),
					Payload { msg: &self.ciphertext, aad: &self.associated_data() },
				)
				.map_err(|_| KeystoreError::WrongPassword)?,
		);
		let bytes: [u8; 32] =
			plain.as_slice().try_into().map_err(|_| KeystoreError::WrongPassword)?;
		let seed = Seed::from_bytes(bytes);
		// Authenticated with `pk` as associated data, so this holds unless the seal was
		// made by someone who knew the password: check anyway, it is cheap.
		if SpendingKey::from_seed(&seed).public_key() != self.pk {
			return Err(KeystoreError::WrongPassword);
		}
		Ok(seed)
	}

	fn key(&self, password: &str) -> Zeroizing<[u8; 32]> {
		let params =
			self.kdf.check().expect("parameters within our bounds (checked on seal and load)");
		let mut key = Zeroizing::new([0u8; 32]);
		Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
			.hash_password_into(password.as_bytes(), &self.salt, &mut *key)
			.expect("a 16-byte salt and a 32-byte output are within argon2's bounds");
		key
	}

	fn associated_data(&self) -> Vec<u8> {
		let mut aad = b"SERO keystore".to_vec();
		aad.extend_from_slice(&VERSION.to_le_bytes());
		aad.extend_from_slice(&self.kdf.memory_kib.to_le_bytes());
		aad.extend_from_slice(&self.kdf.iterations.to_le_bytes());
		aad.extend_from_slice(&self.pk.to_bytes());
		aad
	}

	/// The keystore as JSON.
	pub fn to_json(&self) -> Value {
		json!({
			"version": VERSION,
			"pk": self.pk.to_string(),
			"kdf": {
				"algorithm": "argon2id",
				"memoryKib": self.kdf.memory_kib,
				"iterations": self.kdf.iterations,
				"parallelism": 1,
				"salt": hex::encode(self.salt),
			},
			"cipher": {
				"algorithm": "chacha20poly1305",
				"nonce": hex::encode(self.nonce),
				"ciphertext": hex::encode(&self.ciphertext),
			},
		})
	}

	/// Reads a keystore from its JSON.
	pub fn from_json(value: &Value) -> Result<Self, String> {
		if value["version"].as_u64() != Some(VERSION) {
			return Err(format!("unsupported version {}", value["version"]));
		}
		let kdf = &value["kdf"];
		let cipher = &value["cipher"];
		if kdf["algorithm"] != "argon2id" || kdf["parallelism"] != 1 {
			return Err("unsupported KDF".into());
		}
		if cipher["algorithm"] != "chacha20poly1305" {
			return Err("unsupported cipher".into());
		}
		let number = |v: &Value| v.as_u64().and_then(|n| u32::try_from(n).ok());
		let kdf_params = KdfParams {
			memory_kib: number(&kdf["memoryKib"]).ok_or("kdf.memoryKib")?,
			iterations: number(&kdf["iterations"]).ok_or("kdf.iterations")?,
		};
		kdf_params.check()?;
		let bytes = |v: &Value, what: &str| {
			v.as_str().and_then(|s| hex::decode(s).ok()).ok_or_else(|| format!("{what} is not hex"))
		};
		Ok(Self {
			pk: value["pk"].as_str().ok_or("pk")?.parse().map_err(|e| format!("pk: {e}"))?,
			kdf: kdf_params,
			salt: bytes(&kdf["salt"], "salt")?.try_into().map_err(|_| "salt is not 16 bytes")?,
			nonce: bytes(&cipher["nonce"], "nonce")?
				.try_into()
				.map_err(|_| "nonce is not 12 bytes")?,
			ciphertext: bytes(&cipher["ciphertext"], "ciphertext")?,
		})
	}

	/// Reads the keystore at `path`.
	pub fn load(path: &Path) -> Result<Self, KeystoreError> {
		let name = path.display().to_string();
		let text = fs::read_to_string(path)
			.map_err(|source| KeystoreError::Io { path: name.clone(), source })?;
		let value: Value = serde_json::from_str(&text)
			.map_err(|e| KeystoreError::Malformed { path: name.clone(), reason: e.to_string() })?;
		Self::from_json(&value).map_err(|reason| KeystoreError::Malformed { path: name, reason })
	}

	/// Writes the keystore to `path` (owner-only; never over an existing file).
	pub fn save(&self, path: &Path) -> Result<(), KeystoreError> {
		let io = |source| KeystoreError::Io { path: path.display().to_string(), source };
		let mut options = fs::OpenOptions::new();
		options.write(true).create_new(true);
		#[cfg(unix)]
		std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
		let partial = path.with_extension("partial");
		let _ = fs::remove_file(&partial);
		let mut file = options.open(&partial).map_err(io)?;
		let text = serde_json::to_string_pretty(&self.to_json()).expect("JSON values serialise");
		file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map_err(io)?;
		if path.exists() {
			let _ = fs::remove_file(&partial);
			return Err(io(std::io::Error::new(
				std::io::ErrorKind::AlreadyExists,
				"a keystore already exists here",
			)));
		}
		fs::rename(&partial, path).map_err(io)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use rand_core::OsRng;

	/// Cheap parameters: the tests check the construction, not the cost.
	const FAST: KdfParams = KdfParams { memory_kib: 64, iterations: 1 };

	#[test]
	fn opens_with_its_password_only() {
		let seed = Seed::random(&mut OsRng);
		let keystore = Keystore::seal(&seed, "correct horse", FAST, &mut OsRng);
		assert_eq!(keystore.open("correct horse").unwrap().as_bytes(), seed.as_bytes());
		assert!(matches!(keystore.open("correct hors"), Err(KeystoreError::WrongPassword)));
		assert!(matches!(keystore.open(""), Err(KeystoreError::WrongPassword)));
		assert_eq!(
			keystore.open("wrong").unwrap_err().to_string(),
			"wrong password (or the keystore file was altered)"
		);
	}

	#[test]
	fn survives_json_and_detects_tampering() {
		let seed = Seed::random(&mut OsRng);
		let keystore = Keystore::seal(&seed, "pw", FAST, &mut OsRng);
		let json = keystore.to_json();
		let back = Keystore::from_json(&json).unwrap();
		assert_eq!(back, keystore);
		assert!(back.open("pw").is_ok());

		// A different PK, weaker KDF parameters or a flipped ciphertext bit: all refused.
		let other = SpendingKey::from_seed(&Seed::random(&mut OsRng)).public_key();
		let mut swapped = json.clone();
		swapped["pk"] = other.to_string().into();
		assert!(matches!(
			Keystore::from_json(&swapped).unwrap().open("pw"),
			Err(KeystoreError::WrongPassword)
		));
		let mut weaker = json.clone();
		weaker["kdf"]["iterations"] = 2.into();
		assert!(Keystore::from_json(&weaker).unwrap().open("pw").is_err());
		let mut flipped = keystore.clone();
		flipped.ciphertext[0] ^= 1;
		assert!(flipped.open("pw").is_err());

		let mut unknown = json;
		unknown["version"] = 2.into();
		assert!(Keystore::from_json(&unknown).unwrap_err().contains("version"));
	}

	/// An altered file cannot make the wallet allocate before the password is checked:
	/// parameters beyond the bounds are refused on load, before any derivation.
	#[test]
	fn refuses_kdf_parameters_beyond_the_bounds() {
		let keystore = Keystore::seal(&Seed::random(&mut OsRng), "pw", FAST, &mut OsRng);
		let json = keystore.to_json();
		let with = |memory: u64, iterations: u64| {
			let mut altered = json.clone();
			altered["kdf"]["memoryKib"] = memory.into();
			altered["kdf"]["iterations"] = iterations.into();
			Keystore::from_json(&altered)
		};
		let error = with(u64::from(u32::MAX), 1).unwrap_err();
		assert!(error.contains("memory"), "{error}");
		assert!(with(u64::from(KdfParams::MAX_MEMORY_KIB) + 1, 1).unwrap_err().contains("memory"));
		assert!(with(64, u64::from(KdfParams::MAX_ITERATIONS) + 1).unwrap_err().contains("passes"));
		assert!(with(64, u64::from(u32::MAX)).is_err());
		// At the bounds: loads (and fails only at the password, the file having been altered).
		let at_bounds = with(u64::from(KdfParams::MAX_MEMORY_KIB), 1).unwrap();
		assert_eq!(at_bounds.kdf.memory_kib, KdfParams::MAX_MEMORY_KIB);
		assert!(with(64, u64::from(KdfParams::MAX_ITERATIONS)).is_ok());
		assert!(KdfParams::default().check().is_ok());
	}

	#[test]
	fn saves_once_and_loads() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("keystore.json");
		let keystore = Keystore::seal(&Seed::random(&mut OsRng), "pw", FAST, &mut OsRng);
		keystore.save(&path).unwrap();
		assert_eq!(Keystore::load(&path).unwrap(), keystore);
		let again = Keystore::seal(&Seed::random(&mut OsRng), "pw", FAST, &mut OsRng);
		assert!(again.save(&path).is_err(), "an existing keystore is never overwritten");
		assert_eq!(Keystore::load(&path).unwrap(), keystore);
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
		}
		fs::write(&path, "{").unwrap();
		assert!(matches!(Keystore::load(&path), Err(KeystoreError::Malformed { .. })));
	}
}
