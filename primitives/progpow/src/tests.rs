//! Public test vectors (SPEC §7 and the published ProgPoW 0.9.2 vectors).

use super::*;
use crate::{
	ethash::{cache_size, dataset_size, WORDS_1024},
	fnv::{fnv1a, FNV_OFFSET_BASIS},
	kiss99::Kiss99,
	progpow::DagSource,
};

fn h256(hex_str: &str) -> H256 {
	hex::decode(hex_str).unwrap().try_into().unwrap()
}

#[test]
fn fnv1a_vector() {
	assert_eq!(FNV_OFFSET_BASIS, 0x811C_9DC5);
	assert_eq!(fnv1a(0x811C_9DC5, 0xDDD0_A47B), 0xD37E_E61A);
}

#[test]
fn kiss99_vectors() {
	let mut rng = Kiss99::new(362_436_069, 521_288_629, 123_456_789, 380_116_160);
	assert_eq!(rng.next_u32(), 769_445_856);
	assert_eq!(rng.next_u32(), 742_012_328);
	assert_eq!(rng.next_u32(), 2_121_196_314);
	assert_eq!(rng.next_u32(), 2_805_620_942);
	for _ in 4..99_999 {
		rng.next_u32();
	}
	assert_eq!(rng.next_u32(), 941_074_834);
}

#[test]
fn epoch_sizes() {
	assert_eq!(cache_size(0), 16_776_896);
	assert_eq!(dataset_size(0), 1_073_739_904);
	assert_eq!(cache_size(1), 16_907_456);
	assert_eq!(dataset_size(1), 1_082_130_304);
	assert_eq!(epoch_of(29_999), 0);
	assert_eq!(epoch_of(30_000), 1);
}

/// (block number, header hash, nonce, mix hash, final hash) from the published
/// ProgPoW 0.9.2 vectors; the first is the one SPEC §7 lists.
const VECTORS: &[(u64, &str, u64, &str, &str)] = &[
	(
		0,
		"0000000000000000000000000000000000000000000000000000000000000000",
		0x0000000000000000,
		"faeb1be51075b03a4ff44b335067951ead07a3b078539ace76fd56fc410557a3",
		"63155f732f2bf556967f906155b510c917e48e99685ead76ea83f4eca03ab12b",
	),
	(
		49,
		"63155f732f2bf556967f906155b510c917e48e99685ead76ea83f4eca03ab12b",
		0x0000000006ff2c47,
		"c789c1180f890ec555ff42042913465481e8e6bc512cb981e1c1108dc3f2227d",
		"9e7248f20914913a73d80a70174c331b1d34f260535ac3631d770e656b5dd922",
	),
	(
		50,
		"9e7248f20914913a73d80a70174c331b1d34f260535ac3631d770e656b5dd922",
		0x00000000076e482e,
		"c7340542c2a06b3a7dc7222635f7cd402abf8b528ae971ddac6bbe2b0c7cb518",
		"de37e1824c86d35d154cf65a88de6d9286aec4f7f10c3fc9f0fa1bcc2687188d",
	),
	(
		29_999,
		"e43d7e0bdc8a4a3f6e291a5ed790b9fa1a0948a2b9e33c844888690847de19f5",
		0x005db5fa4c2a3d03,
		"7551bddf977491da2f6cfc1679299544b23483e8f8ee0931c4c16a796558a0b8",
		"d34519f72c97cae8892c277776259db3320820cb5279a299d0ef1e155e5c6454",
	),
	(
		30_000,
		"d34519f72c97cae8892c277776259db3320820cb5279a299d0ef1e155e5c6454",
		0x005db8607994ff30,
		"f1c2c7c32266af9635462e6ce1c98ebe4e7e3ecab7a38aaabfbf2e731e0fbff4",
		"8b6ce5da0b06d18db7bd8492d9e5717f8b53e7e098d9fef7886d58a6e913ef64",
	),
	(
		59_999,
		"f5c50ba5c0d6210ddb16250ec3efda178de857b2b1703d8d5403bd0f848e19cf",
		0x02edb6275bd221e3,
		"653eda37d337e39d311d22be9bbd3458d3abee4e643bee4a7280a6d08106ef98",
		"341562d10d4afb706ec2c8d5537cb0c810de02b4ebb0a0eea5ae335af6fb2e88",
	),
];

#[test]
fn progpow_vectors() {
	let caches = LightCaches::default();
	for &(height, header, nonce, mix, fin) in VECTORS {
		let out = caches.hash(height, &h256(header), nonce);
		assert_eq!(hex::encode(out.mix_hash), mix, "mix hash at block {height}");
		assert_eq!(hex::encode(out.final_hash), fin, "final hash at block {height}");
		assert_eq!(final_hash(&h256(header), nonce, &h256(mix)), h256(fin));
	}
}

#[test]
fn final_hash_depends_on_the_mix() {
	let (_, header, nonce, mix, fin) = VECTORS[0];
	let mut wrong_mix = h256(mix);
	wrong_mix[31] ^= 1;
	assert_ne!(final_hash(&h256(header), nonce, &wrong_mix), h256(fin));
}

#[test]
fn a_2048_load_is_two_dataset_items() {
	let cache = LightCache::new(0);
	for index in [0u32, 1, 12_345, cache.items_2048() - 1] {
		let load = cache.dataset_item_2048(index);
		assert_eq!(load[..WORDS_1024], cache.dataset_item_1024(2 * index));
		assert_eq!(load[WORDS_1024..], cache.dataset_item_1024(2 * index + 1));
	}
	assert_eq!(cache.cdag().len(), ethash::CDAG_WORDS);
	assert_eq!(cache.cdag()[..64], cache.dataset_item_2048(0));
}

#[test]
fn caches_are_shared_between_threads() {
	let caches = Arc::new(LightCaches::default());
	let handles: Vec<_> = (0..2)
		.map(|_| {
			let caches = caches.clone();
			std::thread::spawn(move || caches.get(0))
		})
		.collect();
	let got: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
	assert!(Arc::ptr_eq(&got[0], &got[1]));
	assert!(Arc::ptr_eq(&got[0], &caches.get(0)));
}
