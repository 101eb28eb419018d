//! `sero-wallet`: hold, receive and send SERO and tokens privately from the command line.

#![forbid(unsafe_code)]

use clap::{Parser, Subcommand};
use codec::Encode;
use pallet_share_pool::{
	runtime_api::{PurchaseFilter, PurchaseStatus},
	Owner, Voter,
};
use pallet_staking_nodes::NodeState;
use polkadot_sdk::sp_core::{
	crypto::{AccountId32, Ss58Codec},
	sr25519, Pair,
};
use rand_core::OsRng;
use serde_json::{json, Value};
use sero_crypto::{
	asset::AssetId,
	keys::{OneTimeAddress, PublicKey, Seed, SpendingKey, TracingKey},
};
use sero_shielded_primitives::PackageId;
use sero_wallet::{
	amount::{display_amount, parse_amount},
	chain::{BlockRef, Chain, Node, Pool},
	keystore::{KdfParams, Keystore},
	package,
	select::SelectError,
	send,
	spend::{self, Progress as SpendProgress, ShieldOrder, SpendError, Spent, Wallet},
	stake,
	store::{balances, Store, TransferKind},
	sync::{self, Progress},
	ticket::TicketName,
	transfer::{self, Recipient, TransferError},
};
use std::{
	collections::BTreeMap,
	io::{IsTerminal, Write},
	path::PathBuf,
	process::ExitCode,
	time::Duration,
};
use zeroize::Zeroizing;

#[derive(Parser)]
#[command(name = "sero-wallet", version, about = "SERO's command-line wallet: private payments")]
struct Cli {
	/// The wallet directory (keystore and database) [default: $SERO_WALLET_DIR, else
	/// ~/.sero-wallet].
	#[arg(long, global = true, default_value_os_t = default_dir(), hide_default_value = true)]
	wallet: PathBuf,
	/// The node's RPC endpoint, `ws://host:port` or `http://host:port` [default: $SERO_NODE_URL,
	/// else ws://127.0.0.1:9944].
	#[arg(long, global = true, default_value_t = default_node(), hide_default_value = true)]
	node: String,
	/// Print one JSON object instead of text (errors too, as `{"error": …}`).
	#[arg(long, global = true)]
	json: bool,
	/// Audit mode: open the account by its tracing key. Syncs, shows balances and history;
	/// cannot spend.
	#[arg(long, global = true, value_name = "TK")]
	tk: Option<String>,
	/// Read the keystore password from this file (else `$SERO_WALLET_PASSWORD`, else a prompt).
	#[arg(long, global = true)]
	password_file: Option<PathBuf>,
	/// Use the wallet's state as last synced: do not sync before the command.
	#[arg(long, global = true)]
	no_sync: bool,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Creates a wallet with a new seed (shown once: write it down).
	Create,
	/// Restores a wallet from its seed: a 24-word mnemonic, or 64 hex digits.
	Restore {
		/// The mnemonic (else read from standard input).
		#[arg(long, conflicts_with = "seed")]
		mnemonic: Option<String>,
		/// The seed as 64 hex digits.
		#[arg(long)]
		seed: Option<String>,
	},
	/// Prints the payment address (PK) to receive at.
	Address,
	/// Prints a fresh one-time address (PKr) of this wallet: payable like the PK, and
	/// unlinkable to it and to every other PKr.
	NewPkr,
	/// Prints the tracing key (TK): it sees every note and spend of the account and spends
	/// nothing. Give it to an auditor, to nobody else.
	ExportTk,
	/// Brings the wallet up to the chain's best block.
	Sync,
	/// Shows the unspent balance per asset.
	Balance,
	/// Lists notes received and spent, with memos, and this wallet's own sends.
	History,
	/// Lists the tickets the wallet holds, with their data.
	Tickets,
	/// Sends privately to a payment address (PK) or one-time address (PKr): an amount of
	/// SERO or a token, or a ticket.
	Send {
		/// The receiver's PK or PKr.
		to: String,
		/// The amount, in the asset's units (SERO: up to 18 decimals).
		#[arg(required_unless_present = "ticket")]
		amount: Option<String>,
		/// The asset: SERO or a token's name.
		#[arg(long, default_value = "SERO", conflicts_with = "ticket")]
		asset: String,
		/// A ticket instead, as CATEGORY:VALUE (`tickets` lists those the wallet holds).
		#[arg(long, conflicts_with = "amount")]
		ticket: Option<String>,
		/// Text for the receiver (at most 64 bytes).
		#[arg(long, default_value = "")]
		memo: String,
		#[command(flatten)]
		submission: Submission,
	},
	/// Moves value from a transparent account into this wallet.
	Shield {
		/// The amount, in the asset's units (SERO: up to 18 decimals).
		amount: String,
		/// The paying account: an sr25519 secret URI or mnemonic (`//Alice`, words…); with
		/// `--no-submit`, an SS58 address is enough.
		#[arg(long)]
		from: String,
		/// The asset: SERO or a token's name.
		#[arg(long, default_value = "SERO")]
		asset: String,
		/// Text for the note (at most 64 bytes).
		#[arg(long, default_value = "")]
		memo: String,
		#[command(flatten)]
		submission: Submission,
	},
	/// Packages: an amount (or a ticket) and data sealed under a key, owned by a one-time
	/// address, given and opened privately (SPEC §6).
	Package {
		#[command(subcommand)]
		command: PackageCommand,
	},
	/// Shares of the PoS pool (SPEC §7).
	Shares {
		#[command(subcommand)]
		command: SharesCommand,
	},
	/// StakingNodes: they vote for the shares delegated to them, for a fee.
	StakingNode {
		#[command(subcommand)]
		command: StakingNodeCommand,
	},
	/// Moves value from this wallet to a transparent account.
	Unshield {
		/// The amount, in the asset's units (SERO: up to 18 decimals).
		amount: String,
		/// The receiving account: an SS58 address, an sr25519 secret URI or a mnemonic.
		#[arg(long)]
		to: String,
		/// The asset: SERO or a token's name.
		#[arg(long, default_value = "SERO")]
		asset: String,
		#[command(flatten)]
		submission: Submission,
	},
}

/// The packages' commands.
#[derive(Subcommand)]
enum PackageCommand {
	/// Seals an amount of an asset (or a ticket) and data from the wallet's notes into a new
	/// package; prints its id and the key that opens it.
	Create {
		/// The asset: SERO or a token's name.
		#[arg(long, default_value = "SERO", conflicts_with = "ticket")]
		asset: String,
		/// The amount, in the asset's units [default: 0: data alone].
		#[arg(long, conflicts_with = "ticket")]
		amount: Option<String>,
		/// A ticket instead, as CATEGORY:VALUE.
		#[arg(long)]
		ticket: Option<String>,
		/// Text sealed with it (at most 1 KiB).
		#[arg(long, default_value = "")]
		data: String,
		/// Its owner: a PK or PKr [default: this wallet].
		#[arg(long)]
		to: Option<String>,
		#[command(flatten)]
		submission: Submission,
	},
	/// Lists the packages this wallet owns (not their content: that needs the key).
	List,
	/// Shows a package's content, read with its key (anyone holding the key can).
	Show {
		/// The package's id (0x and 64 hex digits).
		id: String,
		/// Its key (0x and 64 hex digits).
		#[arg(long)]
		key: String,
	},
	/// Gives a package this wallet owns to a PK or PKr; content and key unchanged.
	Transfer {
		/// The package's id.
		id: String,
		/// The new owner: a PK or PKr.
		to: String,
		#[command(flatten)]
		submission: Submission,
	},
	/// Opens a package this wallet owns, with its key: its amount comes back into the
	/// wallet's notes.
	Open {
		/// The package's id.
		id: String,
		/// Its key.
		#[arg(long)]
		key: String,
		#[command(flatten)]
		submission: Submission,
	},
}

/// The PoS share pool's commands.
#[derive(Subcommand)]
enum SharesCommand {
	/// Buys shares from a transparent account, which holds their price until they are paid
	/// back (with their reward, if they vote); or with `--private`, from the wallet's notes,
	/// the price paid back into new notes of the wallet's.
	Buy {
		/// How many shares (1 to 1,000).
		count: u32,
		/// The paying account: an sr25519 secret URI or mnemonic.
		#[arg(long, required_unless_present = "private", conflicts_with = "private")]
		from: Option<String>,
		/// Pay from the wallet's notes: the purchase is owned by a fresh one-time address of
		/// the wallet's, and its change, principal and rewards come back as notes to it.
		#[arg(long)]
		private: bool,
		/// The key that votes for the shares (0x and 64 hex digits, or an SS58 address):
		/// run `sero-node --vote` with it in the keystore.
		#[arg(long, required_unless_present = "staking_node", conflicts_with = "staking_node")]
		vote_key: Option<String>,
		/// Delegate the shares to this StakingNode instead, which votes for them for its fee.
		#[arg(long)]
		staking_node: Option<u32>,
		/// The highest fee the StakingNode may charge, in basis points [default: its fee
		/// now; the purchase fails if the operator raised it meanwhile].
		#[arg(long, requires = "staking_node")]
		max_fee_bps: Option<u16>,
		/// The most the shares may cost in all, in SERO [default: 1 % above the quote].
		#[arg(long)]
		max_total: Option<String>,
		#[command(flatten)]
		wait: Wait,
	},
	/// Lists purchases by owner or by vote key, or the wallet's private purchases, with
	/// where their shares are.
	List {
		/// The owner: an SS58 address, secret URI or mnemonic.
		#[arg(long, required_unless_present_any = ["vote_key", "private"],
			conflicts_with_all = ["vote_key", "private"])]
		owner: Option<String>,
		/// The vote key (0x and 64 hex digits, or an SS58 address): the purchases it votes
		/// for, its own and its StakingNode's.
		#[arg(long, conflicts_with = "private")]
		vote_key: Option<String>,
		/// The purchases the wallet made from its notes (`shares buy --private`).
		#[arg(long)]
		private: bool,
	},
	/// Shows the pool: its size, the next share's price, NeedTwoVote.
	Pool,
}

/// The StakingNodes' commands.
#[derive(Subcommand)]
enum StakingNodeCommand {
	/// Registers a StakingNode, holding its stake on the operator's account.
	Register {
		/// The operator's account: an sr25519 secret URI or mnemonic.
		#[arg(long)]
		from: String,
		/// The key that votes for the node's shares (0x and 64 hex digits, or an SS58
		/// address): run `sero-node --vote` with it in the keystore.
		#[arg(long)]
		vote_key: String,
		/// The fee the node keeps of its votes' rewards, in basis points (2,500 to 7,500).
		#[arg(long)]
		fee_bps: u16,
		/// Its name (UTF-8, up to 32 bytes).
		#[arg(long)]
		name: String,
		#[command(flatten)]
		wait: Wait,
	},
	/// Changes a StakingNode's vote key, fee (for shares bought from now on) or name.
	Update {
		/// The node's number.
		#[arg(value_name = "NODE")]
		id: u32,
		/// The operator's account: an sr25519 secret URI or mnemonic.
		#[arg(long)]
		from: String,
		/// The new vote key (0x and 64 hex digits, or an SS58 address).
		#[arg(long, required_unless_present_any = ["fee_bps", "name"])]
		vote_key: Option<String>,
		/// The new fee, in basis points (2,500 to 7,500).
		#[arg(long)]
		fee_bps: Option<u16>,
		/// The new name (UTF-8, up to 32 bytes).
		#[arg(long)]
		name: Option<String>,
		#[command(flatten)]
		wait: Wait,
	},
	/// Closes a StakingNode: it takes no new shares; its stake comes back once its shares
	/// are paid back.
	Close {
		/// The node's number.
		#[arg(value_name = "NODE")]
		id: u32,
		/// The operator's account: an sr25519 secret URI or mnemonic.
		#[arg(long)]
		from: String,
		#[command(flatten)]
		wait: Wait,
	},
	/// Lists the StakingNodes.
	List,
}

#[derive(clap::Args)]
struct Wait {
	/// How long to wait for a block to include the transaction, in seconds.
	#[arg(long, default_value_t = 300)]
	timeout: u64,
}

#[derive(clap::Args)]
struct Submission {
	/// Build and print the transaction (SCALE, hex) without submitting it.
	#[arg(long)]
	no_submit: bool,
	/// How long to wait for a block to include the transaction, in seconds.
	#[arg(long, default_value_t = 300)]
	timeout: u64,
}

type Error = Box<dyn std::error::Error>;

fn default_dir() -> PathBuf {
	if let Some(dir) = std::env::var_os("SERO_WALLET_DIR") {
		return dir.into();
	}
	PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| ".".into())).join(".sero-wallet")
}

fn default_node() -> String {
	std::env::var("SERO_NODE_URL").unwrap_or_else(|_| "ws://127.0.0.1:9944".into())
}

/// What the command prints: text for people, JSON for scripts.
struct Output {
	json: bool,
}

impl Output {
	fn print(&self, value: Value, text: impl FnOnce() -> String) {
		if self.json {
			println!("{value}");
		} else {
			println!("{}", text());
		}
	}

	/// A line for people on standard error (never in `--json`'s standard output).
	fn note(&self, text: impl AsRef<str>) {
		eprintln!("{}", text.as_ref());
	}
}

/// The account, as far as the wallet can use it.
enum Account {
	/// Seed known: sees and spends.
	Full(SpendingKey),
	/// Tracing key only: sees.
	Audit(TracingKey),
}

impl Account {
	fn tk(&self) -> TracingKey {
		match self {
			Account::Full(sk) => sk.tracing_key(),
			Account::Audit(tk) => tk.clone(),
		}
	}

	fn pk(&self) -> PublicKey {
		self.tk().public_key()
	}

	fn spending_key(&self) -> Result<&SpendingKey, Error> {
		match self {
			Account::Full(sk) => Ok(sk),
			Account::Audit(_) => {
				Err("audit mode (--tk): a tracing key finds and reads the account's notes \
				but cannot spend them (spending needs zskr = zsk + hz, and a TK holds only ZPK). \
				Open the wallet with its keystore to send."
					.into())
			},
		}
	}
}

struct Context {
	cli: Cli,
	out: Output,
}

impl Context {
	/// Where the sealed seed lives.
	fn keystore_path(&self) -> PathBuf {
		self.cli.wallet.join("keystore.json")
	}

	/// The keystore password: `--password-file`, `$SERO_WALLET_PASSWORD`, or a prompt
	/// (twice when `confirm`).
	fn password(&self, confirm: bool) -> Result<Zeroizing<String>, Error> {
		if let Some(file) = &self.cli.password_file {
			let text = std::fs::read_to_string(file)
				.map_err(|e| format!("password file {}: {e}", file.display()))?;
			return Ok(Zeroizing::new(text.trim_end_matches(['\n', '\r']).to_string()));
		}
		if let Ok(password) = std::env::var("SERO_WALLET_PASSWORD") {
			return Ok(Zeroizing::new(password));
		}
		if !std::io::stdin().is_terminal() {
			return Err(
				"no password: set SERO_WALLET_PASSWORD, pass --password-file, or run in a terminal"
					.into(),
			);
		}
		let password = Zeroizing::new(rpassword::prompt_password("Wallet password: ")?);
		if confirm && *password != rpassword::prompt_password("Repeat the password: ")? {
			return Err("the passwords differ".into());
		}
		Ok(password)
	}

	fn keystore(&self) -> Result<Keystore, Error> {
		let path = self.keystore_path();
		if !path.exists() {
			return Err(format!(
				"no wallet at {} (create one with `sero-wallet create` or `restore`, or pass --wallet)",
				self.cli.wallet.display()
			)
			.into());
		}
		Ok(Keystore::load(&path)?)
	}

	/// The account: from `--tk`, or from the keystore (asks for the password).
	fn account(&self) -> Result<Account, Error> {
		if let Some(tk) = &self.cli.tk {
			let tk = TracingKey::from_text(tk.trim()).map_err(|e| format!("--tk: {e}"))?;
			return Ok(Account::Audit(tk));
		}
		let seed = self.keystore()?.open(&self.password(false)?)?;
		Ok(Account::Full(SpendingKey::from_seed(&seed)))
	}

	/// The PK without the password: from `--tk`, or the keystore's public part.
	fn public_key(&self) -> Result<PublicKey, Error> {
		match &self.cli.tk {
			Some(tk) => {
				Ok(TracingKey::from_text(tk.trim()).map_err(|e| format!("--tk: {e}"))?.public_key())
			},
			None => Ok(self.keystore()?.pk),
		}
	}

	/// The node of `--node`.
	fn node(&self) -> Result<Node, Error> {
		Ok(Node::new(&self.cli.node)?)
	}

	/// The wallet's database, for the account `pk`.
	fn store(&self, pk: &PublicKey) -> Result<Store, Error> {
		std::fs::create_dir_all(&self.cli.wallet)
			.map_err(|e| format!("{}: {e}", self.cli.wallet.display()))?;
		Ok(Store::open(&self.cli.wallet.join("wallet.redb"), pk)?)
	}

	/// Syncs unless `--no-sync`.
	fn sync(
		&self,
		node: &Node,
		store: &Store,
		tk: &TracingKey,
	) -> Result<Option<sync::Report>, Error> {
		if self.cli.no_sync {
			return Ok(None);
		}
		let report = self.sync_now(node, store, tk)?;
		if report.scanned > 0 {
			self.out.note(summary(&report));
		}
		Ok(Some(report))
	}

	/// Syncs, drawing a progress bar on a terminal.
	fn sync_now(&self, node: &Node, store: &Store, tk: &TracingKey) -> Result<sync::Report, Error> {
		let report = sync::sync(node, store, tk, &mut |p| self.sync_progress(p))
			.map_err(|e| format!("sync with {}: {e}", self.cli.node))?;
		self.synced(&report);
		Ok(report)
	}

	/// Draws a sync's progress bar, on a terminal.
	fn sync_progress(&self, p: Progress) {
		if std::io::stderr().is_terminal() {
			eprint!("\r{}", progress_bar(&p));
			let _ = std::io::stderr().flush();
		}
	}

	/// Ends a sync's progress bar and says if the chain was reorganised.
	fn synced(&self, report: &sync::Report) {
		if std::io::stderr().is_terminal() && report.scanned > 0 {
			eprintln!();
		}
		if let Some(to) = report.rewound_to {
			self.out.note(match to {
				Some(block) => format!("chain reorganised: rewound to block #{}", block.number),
				None => "chain reorganised below every checkpoint: rescanned from the start".into(),
			});
		}
	}

	/// Renders how a spend or a shield goes, on standard error.
	fn spend_progress(&self, progress: SpendProgress<'_>) {
		match progress {
			SpendProgress::Syncing(p) => self.sync_progress(p),
			SpendProgress::Synced(report) => {
				self.synced(report);
				if report.scanned > 0 {
					self.out.note(summary(report));
				}
			},
			SpendProgress::Proving { inputs: 0, outputs, .. } => {
				self.out.note(format!("proving {outputs} output(s)…"))
			},
			SpendProgress::Proving { inputs, outputs, fee } => self.out.note(format!(
				"proving {inputs} inputs and {outputs} outputs (fee {} SERO)…",
				display_amount(fee, &AssetId::native())
			)),
			SpendProgress::Sending(send::Progress::Submitted { hash, .. }) => self.out.note(
				format!("submitted 0x{}; waiting for a block to include it…", hex::encode(hash)),
			),
			SpendProgress::Sending(send::Progress::Retrying { attempt, reason, resync }) => {
				self.out.note(format!(
					"attempt {attempt}: {reason}; {}",
					if resync {
						"syncing and rebuilding"
					} else {
						"rebuilding under a fresh anchor"
					}
				))
			},
		}
	}

	/// A spend's or a shield's error in the words of the command line: assets by the name
	/// given, the node by its address.
	fn spend_error(&self, error: SpendError, asset_name: &str) -> Error {
		match error {
			SpendError::UnknownAsset(_) => format!(
				"unknown asset {asset_name:?}: no token of that name is registered on this chain"
			)
			.into(),
			SpendError::Transfer(TransferError::Select(SelectError::InsufficientFunds {
				asset: id,
				have,
				need,
			})) => {
				let name = if id == AssetId::native() { "SERO" } else { asset_name };
				format!(
					"insufficient funds: the wallet holds {} {name}, the transfer needs {} {name} \
					 (fee included)",
					display_amount(have, &id),
					display_amount(need, &id)
				)
				.into()
			},
			SpendError::TransparentFundsLow { account, have, need } => format!(
				"{} holds {} SERO, less than the {} SERO to shield (plus the transaction fee)",
				account.to_ss58check(),
				display_amount(have, &AssetId::native()),
				display_amount(need, &AssetId::native())
			)
			.into(),
			SpendError::Sync(e) => format!("sync with {}: {e}", self.cli.node).into(),
			other => other.into(),
		}
	}
}

fn outputs_per_second(report: &sync::Report) -> f64 {
	report.scanned as f64 / report.elapsed.as_secs_f64().max(1e-9)
}

fn summary(report: &sync::Report) -> String {
	format!(
		"synced to block #{}: {} outputs in {:.2} s ({:.0} outputs/s), {} new notes, {} spent",
		report.best.number,
		report.scanned,
		report.elapsed.as_secs_f64(),
		outputs_per_second(report),
		report.found,
		report.spent
	)
}

fn progress_bar(p: &Progress) -> String {
	const WIDTH: u64 = 30;
	let filled = (p.done * WIDTH).checked_div(p.total).unwrap_or(WIDTH);
	format!(
		"syncing [{}{}] {}/{} outputs, {:.0} outputs/s",
		"#".repeat(filled as usize),
		".".repeat((WIDTH - filled) as usize),
		p.done,
		p.total,
		p.rate()
	)
}

/// The asset named `name` (SERO, or a token registered on the chain).
fn asset_by_name(name: &str) -> Result<AssetId, Error> {
	if name == "SERO" {
		return Ok(AssetId::native());
	}
	AssetId::token(name.as_bytes()).map_err(|e| format!("unknown asset {name:?}: {e}").into())
}

/// Names of the assets the wallet holds: SERO, registered tokens, tickets
/// (`CATEGORY:VALUE`), else the id in hex.
struct AssetNames<'a> {
	node: Option<&'a Node>,
	at: Option<[u8; 32]>,
	known: BTreeMap<[u8; 32], String>,
}

impl<'a> AssetNames<'a> {
	fn new(node: Option<&'a Node>, at: Option<[u8; 32]>) -> Self {
		Self { node, at, known: BTreeMap::from([(AssetId::native().to_bytes(), "SERO".into())]) }
	}

	fn name(&mut self, id: &[u8; 32]) -> String {
		if let Some(name) = self.known.get(id) {
			return name.clone();
		}
		let registered = match (self.node, self.at) {
			(Some(node), Some(at)) => {
				let id = sero_shielded_primitives::AssetId(*id);
				node.asset_name(id, at).ok().flatten().or_else(|| {
					let ticket = node.ticket(id, at).ok().flatten()?;
					Some(TicketName { category: ticket.category, value: ticket.value }.to_string())
				})
			},
			_ => None,
		};
		let name = registered.unwrap_or_else(|| format!("0x{}", hex::encode(id)));
		self.known.insert(*id, name.clone());
		name
	}
}

fn block_json(block: &BlockRef) -> Value {
	json!({"number": block.number, "hash": format!("0x{}", hex::encode(block.hash))})
}

/// An SS58 account, or the account of an sr25519 secret URI or mnemonic.
fn account_id(text: &str) -> Result<AccountId32, Error> {
	if let Ok(account) = AccountId32::from_ss58check(text) {
		return Ok(account);
	}
	Ok(sr25519_pair(text)?.public().into())
}

fn sr25519_pair(suri: &str) -> Result<sr25519::Pair, Error> {
	sr25519::Pair::from_string(suri, None)
		.map_err(|e| format!("not an SS58 address, secret URI or mnemonic: {e:?}").into())
}

/// The proving keys: real ones if present in the parameters directory, else the
/// development keys, said aloud.
fn proving_keys(out: &Output) -> Result<sero_zk::setup::Keys, Error> {
	let dir = sero_zk::setup::default_dir();
	if dir.join("sero-output.pk").exists() && dir.join("sero-input.pk").exists() {
		return Ok(sero_zk::setup::load_keys(&dir)?);
	}
	out.note(format!(
		"using the INSECURE development proving keys (no sero-output.pk / sero-input.pk in {})",
		dir.display()
	));
	Ok(sero_zk::setup::dev_keys(&dir)?)
}

fn create_or_restore(ctx: &Context, seed: Seed, created: bool) -> Result<(), Error> {
	let path = ctx.keystore_path();
	if path.exists() {
		return Err(format!(
			"a wallet already exists at {}; choose another --wallet",
			ctx.cli.wallet.display()
		)
		.into());
	}
	std::fs::create_dir_all(&ctx.cli.wallet)
		.map_err(|e| format!("{}: {e}", ctx.cli.wallet.display()))?;
	let password = ctx.password(true)?;
	let keystore = Keystore::seal(&seed, &password, KdfParams::default(), &mut OsRng);
	keystore.save(&path)?;
	let pk = keystore.pk.to_string();
	if created {
		let mnemonic = bip39::Mnemonic::from_entropy(seed.as_bytes()).expect("32 bytes of entropy");
		let warning =
			"Write these 24 words down and keep them offline: they are the only backup of this \
			wallet, they are shown only now, and whoever has them can spend everything in it.";
		ctx.out
			.print(json!({"pk": pk, "mnemonic": mnemonic.to_string(), "warning": warning}), || {
				format!("{warning}\n\n    {mnemonic}\n\nYour payment address (PK): {pk}")
			});
	} else {
		ctx.out.print(json!({"pk": pk}), || format!("restored; your payment address (PK): {pk}"));
	}
	Ok(())
}

fn parse_seed(mnemonic: Option<String>, seed: Option<String>) -> Result<Seed, Error> {
	if let Some(hex_seed) = seed {
		let bytes = hex::decode(hex_seed.trim().trim_start_matches("0x"))
			.map_err(|e| format!("--seed: {e}"))?;
		let bytes: [u8; 32] =
			bytes.try_into().map_err(|_| "--seed: a seed is 32 bytes (64 hex digits)")?;
		return Ok(Seed::from_bytes(bytes));
	}
	let words = match mnemonic {
		Some(words) => words,
		None => {
			eprintln!("Enter the 24-word mnemonic:");
			let mut line = String::new();
			std::io::stdin().read_line(&mut line)?;
			line
		},
	};
	let mnemonic = bip39::Mnemonic::parse_normalized(words.trim())
		.map_err(|e| format!("not a valid mnemonic: {e}"))?;
	let entropy = mnemonic.to_entropy();
	let bytes: [u8; 32] = entropy
		.as_slice()
		.try_into()
		.map_err(|_| "a wallet mnemonic has 24 words (32 bytes of entropy)")?;
	Ok(Seed::from_bytes(bytes))
}

/// The tickets the wallet holds, with their data (the issuer's, public).
fn tickets(ctx: &Context) -> Result<(), Error> {
	let account = ctx.account()?;
	let store = ctx.store(&account.pk())?;
	let node = ctx.node()?;
	ctx.sync(&node, &store, &account.tk())?;
	let best = node.best()?;
	let mut held = Vec::new();
	for (id, value) in balances(&store.notes()?) {
		if value == 0 || id == AssetId::native().to_bytes() {
			continue;
		}
		if let Some(ticket) = node.ticket(sero_shielded_primitives::AssetId(id), best.hash)? {
			held.push(ticket);
		}
	}
	let name = |t: &pallet_tickets::runtime_api::TicketRecord| {
		TicketName { category: t.category.clone(), value: t.value }.to_string()
	};
	ctx.out.print(
		json!({"tickets": held.iter().map(|t| json!({
			"ticket": name(t), "category": String::from_utf8_lossy(&t.category),
			"value": format!("0x{}", hex::encode(t.value)),
			"data": String::from_utf8_lossy(&t.data), "dataHex": format!("0x{}", hex::encode(&t.data)),
		})).collect::<Vec<_>>(), "block": block_json(&best)}),
		|| {
			if held.is_empty() {
				return "no tickets".into();
			}
			held.iter()
				.map(|t| format!("{}  {}", name(t), String::from_utf8_lossy(&t.data)))
				.collect::<Vec<_>>()
				.join("\n")
		},
	);
	Ok(())
}

fn history(ctx: &Context) -> Result<(), Error> {
	let account = ctx.account()?;
	let pk = account.pk();
	let store = ctx.store(&pk)?;
	let node = ctx.node()?;
	let report = ctx.sync(&node, &store, &account.tk())?;
	let at = report.as_ref().map(|r| r.best.hash);
	let mut names = AssetNames::new(report.as_ref().map(|_| &node), at);
	let mut events: Vec<(u32, u64, Value, String)> = Vec::new();
	for note in store.notes()? {
		let asset = AssetId::from_bytes(&note.asset).ok_or("corrupt note")?;
		let name = names.name(&note.asset);
		let amount = display_amount(note.value, &asset);
		let memo = transfer::memo_text(&note.memo);
		events.push((
			note.received_at,
			note.position * 2,
			json!({"type": "received", "block": note.received_at, "position": note.position,
				"asset": name, "value": note.value.to_string(), "memo": memo}),
			format!(
				"#{:<8} received {amount} {name}{}",
				note.received_at,
				if memo.is_empty() { String::new() } else { format!("  memo: {memo:?}") }
			),
		));
		if let Some(block) = note.spent_at {
			events.push((
				block,
				note.position * 2 + 1,
				json!({"type": "spent", "block": block, "position": note.position,
					"asset": name, "value": note.value.to_string()}),
				format!("#{block:<8} spent    {amount} {name}"),
			));
		}
	}
	let mut sends = Vec::new();
	if matches!(account, Account::Full(_)) {
		for record in store.sent()? {
			let asset = AssetId::from_bytes(&record.asset).ok_or("corrupt record")?;
			let name = names.name(&record.asset);
			let kind = match record.kind {
				TransferKind::Send => "send",
				TransferKind::Shield => "shield",
				TransferKind::Unshield => "unshield",
				TransferKind::Call => "call",
				TransferKind::Package => "package",
			};
			let memo = transfer::memo_text(&record.memo);
			sends.push(
				json!({"type": kind, "block": record.block.number, "counterparty": record.counterparty,
				"asset": name, "value": record.value.to_string(), "fee": record.fee.to_string(), "memo": memo,
				"extrinsic": format!("0x{}", hex::encode(record.extrinsic))}),
			);
			events.push((
				record.block.number,
				u64::MAX,
				Value::Null,
				format!(
					"#{:<8} {kind:<8} {} {name} {} {} (fee {} SERO){}",
					record.block.number,
					display_amount(record.value, &asset),
					if record.kind == TransferKind::Shield { "from" } else { "to" },
					record.counterparty,
					display_amount(record.fee, &AssetId::native()),
					if memo.is_empty() { String::new() } else { format!("  memo: {memo:?}") }
				),
			));
		}
	}
	events.sort_by_key(|e| (e.0, e.1));
	let notes: Vec<Value> = events.iter().filter(|e| !e.2.is_null()).map(|e| e.2.clone()).collect();
	ctx.out.print(json!({"pk": pk.to_string(), "notes": notes, "transfers": sends}), || {
		if events.is_empty() {
			return "no history yet".into();
		}
		events.iter().map(|e| e.3.clone()).collect::<Vec<_>>().join("\n")
	});
	Ok(())
}

/// Spends: `send` (to a note) and `unshield` (to an account), with recovery from a stale
/// view (a note spent meanwhile, an expired anchor) by syncing and rebuilding.
fn spend(
	ctx: &Context,
	asset_name: &str,
	asset: AssetId,
	value: u128,
	recipient: Recipient,
	counterparty: String,
	submission: &Submission,
) -> Result<(), Error> {
	let Some(Spent { sent, balance: left }) =
		spend_value(ctx, asset_name, asset, value, &recipient, &counterparty, submission)?
	else {
		return Ok(());
	};
	let (hash, block, fee) = (sent.hash, sent.block, sent.plan.fee);
	ctx.out.print(
		json!({"extrinsic": format!("0x{}", hex::encode(hash)), "block": block_json(&block),
			"value": value.to_string(), "fee": fee.to_string(), "inputs": sent.plan.inputs.len(),
			"attempts": sent.attempts, "refusals": sent.refusals, "balance": left.to_string(),
			"seconds": {"prove": sent.build.as_secs_f64(), "submit": sent.submit.as_secs_f64(),
				"inclusion": sent.inclusion.as_secs_f64()}}),
		|| {
			format!(
				"sent {} {asset_name} to {counterparty} in block #{} (fee {} SERO, proofs {:.2} s, \
				 inclusion {:.1} s); balance {} {asset_name}",
				display_amount(value, &asset),
				block.number,
				display_amount(fee, &AssetId::native()),
				sent.build.as_secs_f64(),
				sent.inclusion.as_secs_f64(),
				display_amount(left, &asset)
			)
		},
	);
	Ok(())
}

/// What [`spend`] does but the summary: `value` of an asset to `recipient`, syncing
/// before and after unless `--no-sync` ([`Wallet::spend`]). `None` when `--no-submit`
/// printed the transaction instead.
#[allow(clippy::too_many_arguments)]
fn spend_value(
	ctx: &Context,
	asset_name: &str,
	asset: AssetId,
	value: u128,
	recipient: &Recipient,
	counterparty: &str,
	submission: &Submission,
) -> Result<Option<Spent>, Error> {
	let order = transfer::Order { asset, value, recipient: recipient.clone() };
	spend_order(ctx, asset_name, order, counterparty, submission)
}

/// Sends `order` from the wallet's notes ([`Wallet::spend`]), its asset named `asset_name`
/// in errors. `None` when `--no-submit` printed the transaction instead.
fn spend_order(
	ctx: &Context,
	asset_name: &str,
	order: transfer::Order,
	counterparty: &str,
	submission: &Submission,
) -> Result<Option<Spent>, Error> {
	let account = ctx.account()?;
	let sk = account.spending_key()?;
	let store = ctx.store(&account.pk())?;
	let node = ctx.node()?;
	let keys = proving_keys(&ctx.out)?;
	let progress = |p: SpendProgress<'_>| ctx.spend_progress(p);
	let wallet = Wallet {
		chain: &node,
		store: &store,
		sk,
		keys: &keys,
		sync: !ctx.cli.no_sync,
		progress: &progress,
	};
	let named = |e: SpendError| ctx.spend_error(e, asset_name);
	if submission.no_submit {
		if !ctx.cli.no_sync {
			wallet.sync_now().map_err(named)?;
		}
		let best = node.best()?;
		spend::check_known(&node, order.asset, best).map_err(named)?;
		let (plan, tx) = wallet.prepare(&order, best).map_err(named)?;
		let hex_tx = format!("0x{}", hex::encode(tx.encode()));
		ctx.out
			.print(json!({"transaction": hex_tx, "fee": plan.fee.to_string()}), || hex_tx.clone());
		return Ok(None);
	}
	let timeout = Duration::from_secs(submission.timeout);
	Ok(Some(wallet.spend(&order, counterparty, timeout).map_err(named)?))
}

/// Moves value from a transparent account into a note of the wallet's ([`spend::shield`]).
fn shield(
	ctx: &Context,
	asset_name: &str,
	amount: &str,
	from: &str,
	memo: &str,
	submission: &Submission,
) -> Result<(), Error> {
	if ctx.cli.tk.is_some() {
		return Err("audit mode (--tk): the wallet only reads the account. Shield from the \
			wallet that holds its keystore, or pay its PK from any wallet."
			.into());
	}
	let asset = asset_by_name(asset_name)?;
	let value = parse_amount(amount, &asset)?;
	let memo = transfer::memo(memo)?;
	let pk = ctx.public_key()?;
	let keys = proving_keys(&ctx.out)?;
	if submission.no_submit {
		let payer = account_id(from)?;
		let tx = transfer::build_shield(&keys, &pk, &payer, asset, value, memo)?;
		let hex_tx = format!("0x{}", hex::encode(tx.encode()));
		ctx.out.print(json!({"transaction": hex_tx}), || hex_tx.clone());
		return Ok(());
	}
	let signer = sr25519_pair(from)?;
	let payer: AccountId32 = signer.public().into();
	let node = ctx.node()?;
	let store = ctx.store(&pk)?;
	let order = ShieldOrder { asset, value, to: pk, memo };
	let timeout = Duration::from_secs(submission.timeout);
	let shielded =
		spend::shield(&node, &store, &keys, &signer, &order, timeout, &|p| ctx.spend_progress(p))
			.map_err(|e| ctx.spend_error(e, asset_name))?;
	let block = shielded.block;
	ctx.out.print(
		json!({"extrinsic": format!("0x{}", hex::encode(shielded.hash)), "block": block_json(&block), "value": value.to_string()}),
		|| format!("shielded {} {asset_name} from {} in block #{}", display_amount(value, &asset), payer.to_ss58check(), block.number),
	);
	Ok(())
}

fn run(ctx: &Context) -> Result<(), Error> {
	match &ctx.cli.command {
		Command::Create => create_or_restore(ctx, Seed::random(&mut OsRng), true),
		Command::Restore { mnemonic, seed } => {
			create_or_restore(ctx, parse_seed(mnemonic.clone(), seed.clone())?, false)
		},
		Command::Address => {
			let pk = ctx.public_key()?.to_string();
			ctx.out.print(json!({"pk": pk}), || pk.clone());
			Ok(())
		},
		Command::NewPkr => {
			let pkr = ctx.public_key()?.one_time_address(&mut OsRng);
			let (text, bytes) = (pkr.to_string(), format!("0x{}", hex::encode(pkr.to_bytes())));
			// The bytes are what the chain's calls take (a ticket's allotment, say).
			ctx.out.print(json!({"pkr": text, "hex": bytes}), || text.clone());
			Ok(())
		},
		Command::ExportTk => {
			let tk = ctx.account()?.tk().to_text();
			ctx.out.print(json!({"tk": tk}), || tk.clone());
			Ok(())
		},
		Command::Sync => {
			let account = ctx.account()?;
			let store = ctx.store(&account.pk())?;
			let report = ctx.sync_now(&ctx.node()?, &store, &account.tk())?;
			ctx.out.print(
				json!({"block": block_json(&report.best), "scanned": report.scanned, "found": report.found,
					"spent": report.spent, "seconds": report.elapsed.as_secs_f64(),
					"outputsPerSecond": outputs_per_second(&report),
					"rewoundTo": report.rewound_to.map(|b| b.map(|b| block_json(&b)))}),
				|| summary(&report),
			);
			Ok(())
		},
		Command::Balance => {
			let account = ctx.account()?;
			let pk = account.pk();
			let store = ctx.store(&pk)?;
			let node = ctx.node()?;
			let report = ctx.sync(&node, &store, &account.tk())?;
			let notes = store.notes()?;
			let mut names = AssetNames::new(
				report.as_ref().map(|_| &node),
				report.as_ref().map(|r| r.best.hash),
			);
			let mut raw = BTreeMap::new();
			let mut shown = BTreeMap::new();
			// A note of value 0 carries nothing (a ticket's second output may be one).
			for (id, value) in balances(&notes).into_iter().filter(|(_, value)| *value > 0) {
				let name = names.name(&id);
				let asset = AssetId::from_bytes(&id).ok_or("corrupt note")?;
				shown.insert(name.clone(), display_amount(value, &asset));
				raw.insert(name, value.to_string());
			}
			let unspent = notes.iter().filter(|n| n.spent_at.is_none()).count();
			ctx.out.print(
				json!({"pk": pk.to_string(), "notes": unspent, "balances": raw, "display": shown,
					"audit": matches!(account, Account::Audit(_))}),
				|| {
					if shown.is_empty() {
						return "no balance".into();
					}
					shown
						.iter()
						.map(|(name, v)| format!("{v} {name}"))
						.collect::<Vec<_>>()
						.join("\n")
				},
			);
			Ok(())
		},
		Command::History => history(ctx),
		Command::Tickets => tickets(ctx),
		Command::Send { to, amount, asset, ticket, memo, submission } => {
			let memo = transfer::memo(memo)?;
			let recipient = match to.parse::<PublicKey>() {
				Ok(pk) => Recipient::Shielded { to: pk, memo },
				Err(pk_error) => match to.parse::<OneTimeAddress>() {
					Ok(pkr) => Recipient::ToPkr { to: pkr, memo },
					Err(_) => {
						return Err(format!("{to:?} is not a payment address: {pk_error}").into())
					},
				},
			};
			let (name, asset, value) = match (ticket, amount) {
				(Some(ticket), _) => {
					let ticket: TicketName = ticket.parse()?;
					(ticket.to_string(), ticket.asset(), 1)
				},
				(None, Some(amount)) => {
					let id = asset_by_name(asset)?;
					(asset.clone(), id, parse_amount(amount, &id)?)
				},
				(None, None) => return Err("give an amount or --ticket".into()),
			};
			spend(ctx, &name, asset, value, recipient, to.clone(), submission)
		},
		Command::Shield { amount, from, asset, memo, submission } => {
			shield(ctx, asset, amount, from, memo, submission)
		},
		Command::Package { command } => packages(ctx, command),
		Command::Shares { command } => shares(ctx, command),
		Command::StakingNode { command } => staking_node(ctx, command),
		Command::Unshield { amount, to, asset: name, submission } => {
			let account = account_id(to)?;
			let asset = asset_by_name(name)?;
			spend(
				ctx,
				name,
				asset,
				parse_amount(amount, &asset)?,
				Recipient::Transparent(account.clone()),
				account.to_ss58check(),
				submission,
			)
		},
	}
}

/// 32 bytes from `0x` and 64 hex digits (a package's id or key).
fn bytes32(text: &str, what: &str) -> Result<[u8; 32], Error> {
	let bytes = hex::decode(text.trim().trim_start_matches("0x"))
		.map_err(|e| format!("{what}: not hex ({e})"))?;
	bytes.try_into().map_err(|_| format!("{what}: 32 bytes (0x and 64 hex digits)").into())
}

/// A one-time address to pay or give to: a fresh one of a PK, or a PKr as given.
fn one_time_address(text: &str) -> Result<OneTimeAddress, Error> {
	match text.parse::<PublicKey>() {
		Ok(pk) => Ok(pk.one_time_address(&mut OsRng)),
		Err(pk_error) => text
			.parse::<OneTimeAddress>()
			.map_err(|_| format!("{text:?} is not a payment address: {pk_error}").into()),
	}
}

/// The packages' commands: orders built by `sero_wallet::package`, sent as spends.
fn packages(ctx: &Context, command: &PackageCommand) -> Result<(), Error> {
	let hex32 = |bytes: &[u8; 32]| format!("0x{}", hex::encode(bytes));
	match command {
		PackageCommand::Create { asset, amount, ticket, data, to, submission } => {
			let (name, asset, value) = match ticket {
				Some(ticket) => {
					let ticket: TicketName = ticket.parse()?;
					(ticket.to_string(), ticket.asset(), 1)
				},
				None => {
					let id = asset_by_name(asset)?;
					let value = amount.as_deref().map(|a| parse_amount(a, &id)).transpose()?;
					(asset.clone(), id, value.unwrap_or(0))
				},
			};
			let owner = match to {
				Some(to) => one_time_address(to)?,
				None => ctx.public_key()?.one_time_address(&mut OsRng),
			};
			let (id, key) = package::fresh(&mut OsRng);
			let order =
				package::create_order(asset, value, data.as_bytes().to_vec(), owner, (id, key));
			let Some(Spent { sent, balance }) =
				spend_order(ctx, &name, order, "a new package", submission)?
			else {
				return Ok(());
			};
			ctx.out.print(
				json!({"id": hex32(&id.0), "key": hex32(&key), "value": value.to_string(),
					"fee": sent.plan.fee.to_string(), "balance": balance.to_string(),
					"block": block_json(&sent.block)}),
				|| {
					format!(
						"sealed {} {name} into package {} in block #{} (fee {} SERO); its key, \
						 for whoever may open or read it: {}",
						display_amount(value, &asset),
						hex32(&id.0),
						sent.block.number,
						display_amount(sent.plan.fee, &AssetId::native()),
						hex32(&key)
					)
				},
			);
			Ok(())
		},
		PackageCommand::List => {
			let account = ctx.account()?;
			let node = ctx.node()?;
			let best = node.best()?;
			let owned = package::owned(&node, &account.tk(), best.hash)?;
			ctx.out.print(
				json!({"packages": owned.iter().map(|(id, p)| json!({
					"id": hex32(&id.0), "createdAt": p.created_at,
					"owner": format!("0x{}", hex::encode(p.owner)),
				})).collect::<Vec<_>>(), "block": block_json(&best)}),
				|| {
					if owned.is_empty() {
						return "no packages".into();
					}
					owned
						.iter()
						.map(|(id, p)| {
							format!("{} (created in block #{})", hex32(&id.0), p.created_at)
						})
						.collect::<Vec<_>>()
						.join("\n")
				},
			);
			Ok(())
		},
		PackageCommand::Show { id, key } => {
			let id = PackageId(bytes32(id, "the package's id")?);
			let key = bytes32(key, "--key")?;
			let node = ctx.node()?;
			let best = node.best()?;
			let (record, content) = package::read(&node, id, &key, best.hash)?;
			let mut names = AssetNames::new(Some(&node), Some(best.hash));
			let name = names.name(&content.asset.to_bytes());
			ctx.out.print(
				json!({"id": hex32(&id.0), "asset": name, "value": content.value.to_string(),
					"display": display_amount(content.value, &content.asset),
					"data": String::from_utf8_lossy(&content.data), "dataHex": hex32_any(&content.data),
					"open": record.opened_at.is_some(), "createdAt": record.created_at}),
				|| {
					format!(
						"package {}: {} {name}{}; data: {:?}",
						hex32(&id.0),
						display_amount(content.value, &content.asset),
						if record.opened_at.is_some() { " (opened)" } else { "" },
						String::from_utf8_lossy(&content.data)
					)
				},
			);
			Ok(())
		},
		PackageCommand::Transfer { id, to, submission } => {
			let id = PackageId(bytes32(id, "the package's id")?);
			let to_pkr = one_time_address(to)?;
			let account = ctx.account()?;
			let node = ctx.node()?;
			let order = package::transfer_order(
				&node,
				account.spending_key()?,
				id,
				to_pkr,
				node.best()?.hash,
			)?;
			let Some(Spent { sent, .. }) = spend_order(ctx, "SERO", order, to, submission)? else {
				return Ok(());
			};
			ctx.out.print(
				json!({"id": hex32(&id.0), "fee": sent.plan.fee.to_string(),
					"block": block_json(&sent.block)}),
				|| format!("gave package {} to {to} in block #{}", hex32(&id.0), sent.block.number),
			);
			Ok(())
		},
		PackageCommand::Open { id, key, submission } => {
			let id = PackageId(bytes32(id, "the package's id")?);
			let key = bytes32(key, "--key")?;
			let account = ctx.account()?;
			let node = ctx.node()?;
			let (order, content) =
				package::open_order(&node, account.spending_key()?, id, &key, node.best()?.hash)?;
			let Some(Spent { sent, .. }) =
				spend_order(ctx, "SERO", order, "an opened package", submission)?
			else {
				return Ok(());
			};
			ctx.out.print(
				json!({"id": hex32(&id.0), "value": content.value.to_string(),
					"asset": hex32(&content.asset.to_bytes()), "fee": sent.plan.fee.to_string(),
					"block": block_json(&sent.block)}),
				|| {
					format!(
						"opened package {}: {} back in notes, in block #{} (fee {} SERO)",
						hex32(&id.0),
						display_amount(content.value, &content.asset),
						sent.block.number,
						display_amount(sent.plan.fee, &AssetId::native())
					)
				},
			);
			Ok(())
		},
	}
}

/// Bytes as `0x` and hex.
fn hex32_any(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// Signs `call` with `signer`, submits it and waits for a block to include it: the block
/// and the call's events.
fn submit_call(
	ctx: &Context,
	node: &Node,
	signer: &sr25519::Pair,
	call: sero_runtime::RuntimeCall,
	wait: &Wait,
) -> Result<(BlockRef, Vec<sero_runtime::RuntimeEvent>), Error> {
	Ok(transfer::submit_signed(node, signer, call, Duration::from_secs(wait.timeout), |hash| {
		ctx.out
			.note(format!("submitted 0x{}; waiting for a block to include it…", hex::encode(hash)))
	})?)
}

/// A purchase as JSON.
fn purchase_json(status: &PurchaseStatus<AccountId32, u32>) -> Value {
	let counts = stake::share_counts(status);
	let purchase = &status.purchase;
	json!({
		"id": status.id,
		"owner": purchase.owner.to_text(),
		"voter": match purchase.voter {
			Voter::Solo(key) => json!({"solo": format!("0x{}", hex::encode(key))}),
			Voter::Node(node) => json!({"stakingNode": node, "feeBps": purchase.fee_bps}),
		},
		"voteKey": format!("0x{}", hex::encode(status.vote_key)),
		"count": purchase.count,
		"priceEach": purchase.price_each.to_string(),
		"boughtAt": purchase.bought_at,
		"pending": counts.pending,
		"inPool": counts.in_pool,
		"voted": counts.voted,
		"missed": counts.missed,
		"expired": counts.expired,
		"awaitingPayout": counts.awaiting_payout,
	})
}

fn shares(ctx: &Context, command: &SharesCommand) -> Result<(), Error> {
	let sero = AssetId::native();
	let node = ctx.node()?;
	match command {
		SharesCommand::Buy {
			count,
			from,
			private,
			vote_key,
			staking_node,
			max_fee_bps,
			max_total,
			wait,
		} => {
			let voter = match (vote_key, staking_node) {
				(_, Some(id)) => Voter::Node(*id),
				(Some(key), None) => Voter::Solo(stake::parse_vote_key(key)?),
				(None, None) => return Err("give --vote-key or --staking-node".into()),
			};
			let best = node.best()?;
			let max_total =
				max_total.as_deref().map(|text| parse_amount(text, &sero)).transpose()?;
			let terms = stake::terms(&node, *count, voter, *max_fee_bps, max_total, best.hash)?;
			if let (Some(id), None) = (staking_node, max_fee_bps) {
				ctx.out.note(format!(
					"StakingNode {id} charges {} % of its votes' rewards",
					f64::from(terms.max_fee_bps) / 100.0
				));
			}
			ctx.out.note(format!(
				"{count} shares cost {} SERO now (at most {} SERO)",
				display_amount(terms.quote, &sero),
				display_amount(terms.limit, &sero)
			));
			let (block, events, owner) = match from {
				Some(from) => {
					let signer = sr25519_pair(from)?;
					let call = stake::buy_call(*count, voter, terms.max_fee_bps, terms.limit);
					let (block, events) = submit_call(ctx, &node, &signer, call, wait)?;
					(block, events, Owner::Account(signer.public().into()))
				},
				None => {
					debug_assert!(*private);
					let recipient = stake::private_purchase(*count, voter, &terms);
					let submission = Submission { no_submit: false, timeout: wait.timeout };
					let Some(Spent { sent, .. }) = spend_value(
						ctx,
						"SERO",
						sero,
						terms.limit,
						&recipient,
						"the share pool",
						&submission,
					)?
					else {
						return Ok(());
					};
					let events = transfer::events_of(&node, sent.block, sent.hash)?;
					let owner = stake::private_owner(&events)?;
					(sent.block, events, owner)
				},
			};
			let bought = stake::bought(&node, block, &events, owner)?;
			let total = bought.purchase.price_each * u128::from(*count);
			ctx.out.print(
				json!({"purchase": purchase_json(&bought), "total": total.to_string(),
					"block": block_json(&block)}),
				|| {
					format!(
						"bought {count} shares (purchase {}{}) for {} SERO in block #{}; they \
						enter the pool in the next block",
						bought.id,
						if *private { ", private" } else { "" },
						display_amount(total, &sero),
						block.number
					)
				},
			);
			Ok(())
		},
		SharesCommand::List { owner, vote_key, private } => {
			let filter = match (owner, vote_key) {
				(Some(owner), _) => PurchaseFilter::Owner(Owner::Account(account_id(owner)?)),
				(None, Some(key)) => PurchaseFilter::VoteKey(stake::parse_vote_key(key)?),
				(None, None) if *private => PurchaseFilter::Private,
				(None, None) => return Err("give --owner, --vote-key or --private".into()),
			};
			let best = node.best()?;
			let mut purchases = node.purchases(filter, best.hash)?;
			if *private {
				// The wallet's own: those whose one-time address its keys recognise.
				let tk = ctx.account()?.tk();
				purchases.retain(|status| match &status.purchase.owner {
					Owner::Note(pkr) => {
						OneTimeAddress::from_bytes(pkr).is_some_and(|pkr| tk.owns(&pkr))
					},
					Owner::Account(_) => false,
				});
			}
			ctx.out.print(
				json!({"purchases": purchases.iter().map(purchase_json).collect::<Vec<_>>()}),
				|| {
					if purchases.is_empty() {
						return "no purchases".into();
					}
					purchases
						.iter()
						.map(|status| {
							let c = stake::share_counts(status);
							let voter = match status.purchase.voter {
								Voter::Solo(_) => "solo".to_string(),
								Voter::Node(node) => format!("node {node}"),
							};
							format!(
								"purchase {}: {} shares at {} SERO, {voter}: {} pending, {} in \
								pool, {} voted, {} missed, {} expired, {} awaiting payout",
								status.id,
								status.purchase.count,
								display_amount(status.purchase.price_each, &sero),
								c.pending,
								c.in_pool,
								c.voted,
								c.missed,
								c.expired,
								c.awaiting_payout
							)
						})
						.collect::<Vec<_>>()
						.join("\n")
				},
			);
			Ok(())
		},
		SharesCommand::Pool => {
			let best = node.best()?;
			let status = node.share_pool_status(best.hash)?;
			ctx.out.print(
				json!({"inPool": status.in_pool, "pending": status.pending,
					"nextSharePrice": status.next_share_price.to_string(),
					"needTwoVotes": status.need_two_votes,
					"missedInWindow": status.missed_in_window, "block": block_json(&best)}),
				|| {
					format!(
						"{} shares in the pool, {} pending; the next share costs {} SERO; \
						blocks {} two votes (block #{})",
						status.in_pool,
						status.pending,
						display_amount(status.next_share_price, &sero),
						if status.need_two_votes { "need" } else { "do not need" },
						best.number
					)
				},
			);
			Ok(())
		},
	}
}

fn staking_node(ctx: &Context, command: &StakingNodeCommand) -> Result<(), Error> {
	let sero = AssetId::native();
	let node = ctx.node()?;
	match command {
		StakingNodeCommand::Register { from, vote_key, fee_bps, name, wait } => {
			let vote_key = stake::parse_vote_key(vote_key)?;
			let signer = sr25519_pair(from)?;
			let operator: AccountId32 = signer.public().into();
			let call = stake::register_call(vote_key, *fee_bps, name);
			let (block, events) = submit_call(ctx, &node, &signer, call, wait)?;
			let id = events
				.iter()
				.find_map(|event| match event {
					sero_runtime::RuntimeEvent::StakingNodes(
						pallet_staking_nodes::Event::Registered { node, operator: by, .. },
					) if *by == operator => Some(*node),
					_ => None,
				})
				.ok_or("the registration's block holds no Registered event")?;
			ctx.out.print(json!({"node": id, "block": block_json(&block)}), || {
				format!("registered StakingNode {id} in block #{}", block.number)
			});
			Ok(())
		},
		StakingNodeCommand::Update { id, from, vote_key, fee_bps, name, wait } => {
			let vote_key = vote_key.as_deref().map(stake::parse_vote_key).transpose()?;
			let signer = sr25519_pair(from)?;
			let call = stake::update_call(*id, vote_key, *fee_bps, name.as_deref());
			let (block, _) = submit_call(ctx, &node, &signer, call, wait)?;
			ctx.out.print(json!({"node": id, "block": block_json(&block)}), || {
				format!("updated StakingNode {id} in block #{}", block.number)
			});
			Ok(())
		},
		StakingNodeCommand::Close { id, from, wait } => {
			let signer = sr25519_pair(from)?;
			let (block, _) = submit_call(ctx, &node, &signer, stake::close_call(*id), wait)?;
			ctx.out.print(json!({"node": id, "block": block_json(&block)}), || {
				format!("closed StakingNode {id} in block #{}", block.number)
			});
			Ok(())
		},
		StakingNodeCommand::List => {
			let best = node.best()?;
			let nodes = node.staking_nodes(0, u32::MAX, best.hash)?;
			let state = |state: &NodeState<u32>| match state {
				NodeState::Open => "open".to_string(),
				NodeState::Closed(at) => format!("closed at #{at}"),
				NodeState::Finished(at) => format!("finished at #{at}"),
			};
			ctx.out.print(
				json!({"nodes": nodes.iter().map(|(id, n)| json!({
					"id": id, "name": String::from_utf8_lossy(&n.name), "operator": n.operator.to_ss58check(),
					"voteKey": format!("0x{}", hex::encode(n.vote_key)), "feeBps": n.fee_bps,
					"stake": n.stake.to_string(), "registeredAt": n.registered_at,
					"state": state(&n.state), "shares": n.delegated,
				})).collect::<Vec<_>>()}),
				|| {
					if nodes.is_empty() {
						return "no StakingNodes".into();
					}
					nodes
						.iter()
						.map(|(id, n)| {
							format!(
								"node {id} {:?}: fee {}.{:02} %, {} shares, stake {} SERO, {}, \
								operator {}",
								String::from_utf8_lossy(&n.name),
								n.fee_bps / 100,
								n.fee_bps % 100,
								n.delegated,
								display_amount(n.stake, &sero),
								state(&n.state),
								n.operator.to_ss58check()
							)
						})
						.collect::<Vec<_>>()
						.join("\n")
				},
			);
			Ok(())
		},
	}
}

fn main() -> ExitCode {
	let cli = Cli::parse();
	let ctx = Context { out: Output { json: cli.json }, cli };
	match run(&ctx) {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => {
			if ctx.cli.json {
				println!("{}", json!({"error": e.to_string()}));
			}
			eprintln!("error: {e}");
			ExitCode::FAILURE
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn hex_and_mnemonic_seeds_agree() {
		let seed = Seed::random(&mut OsRng);
		let words = bip39::Mnemonic::from_entropy(seed.as_bytes()).unwrap().to_string();
		assert_eq!(words.split(' ').count(), 24);
		let from_words = parse_seed(Some(words), None).unwrap();
		let from_hex = parse_seed(None, Some(hex::encode(seed.as_bytes()))).unwrap();
		assert_eq!(from_words.as_bytes(), seed.as_bytes());
		assert_eq!(from_hex.as_bytes(), seed.as_bytes());
		assert!(parse_seed(Some("abandon abandon".into()), None).is_err());
		assert!(parse_seed(None, Some("00".into())).is_err());
	}

	#[test]
	fn the_cli_parses() {
		use clap::CommandFactory;
		Cli::command().debug_assert();
		let cli =
			Cli::try_parse_from(["sero-wallet", "--json", "send", "PK", "1.5", "--memo", "hi"])
				.unwrap();
		assert!(cli.json);
		assert!(
			matches!(cli.command, Command::Send { ref amount, .. } if amount.as_deref() == Some("1.5"))
		);
		// Every command line the README shows for shares and StakingNodes parses (a field
		// named like a global option once made clap panic at run time).
		for line in [
			"shares buy 100 --from //Alice --vote-key 5F",
			"shares buy 100 --private --staking-node 0 --max-fee-bps 3000",
			"send PK --ticket CINEMA:7",
			"tickets",
			"package create --amount 25 --data hello --to PK",
			"package create --ticket CINEMA:7",
			"package list",
			"package show 0x01 --key 0x02",
			"package transfer 0x01 PK",
			"package open 0x01 --key 0x02",
			"shares list --private",
			"shares list --owner //Alice",
			"staking-node register --from //Bob --vote-key 5F --fee-bps 3000 --name n",
			"staking-node update 0 --from //Bob --fee-bps 3500",
			"staking-node close 0 --from //Bob",
			"staking-node list",
		] {
			let args =
				["sero-wallet", "--node", "ws://127.0.0.1:9944"].into_iter().chain(line.split(' '));
			let cli = Cli::try_parse_from(args).unwrap_or_else(|e| panic!("{line}: {e}"));
			assert_eq!(cli.node, "ws://127.0.0.1:9944", "{line}");
		}
		assert!(
			Cli::try_parse_from([
				"sero-wallet",
				"shares",
				"buy",
				"1",
				"--private",
				"--from",
				"//A"
			])
			.is_err(),
			"--private and --from exclude each other"
		);
		assert!(
			Cli::try_parse_from(["sero-wallet", "send", "PK", "1", "--ticket", "CINEMA:7"])
				.is_err(),
			"a ticket or an amount"
		);
		assert!(Cli::try_parse_from(["sero-wallet", "send", "PK"]).is_err(), "something to send");
		assert!(
			Cli::try_parse_from(["sero-wallet", "staking-node", "update", "0", "--from", "//B"])
				.is_err(),
			"an update changes something"
		);
	}
}
