import { billingSchedule } from "@ssp/domain";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { contracts, documents } from "../db/schema/index.js";
import { type ContractDocument, renderContractPdf } from "../documents/contract-pdf.js";
import { sha256Hex } from "../documents/sha256.js";
import { documentPartner } from "../partners/partner-identity.js";
import type { ContractRow } from "./contracts.repository.js";
import { installAddressLine } from "./install-address.js";

export type DocumentKind =
  | "contract_unsigned"
  | "contract_sealed"
  | "installation_receipt"
  | "termination_quote"
  /** A name transfer's agreement: the contract's frozen terms with the new holder as the party. */
  | "transfer_unsigned"
  | "transfer_sealed";

export async function latestDocument(tx: Db, contractId: number, kind: DocumentKind) {
  const [doc] = await tx
    .select()
    .from(documents)
    .where(and(eq(documents.contractId, contractId), eq(documents.kind, kind)))
    .orderBy(desc(documents.id))
    .limit(1);
  return doc;
}

/**
 * The sealed document the contract's current holder signed: the transfer agreement after a name
 * transfer (명의변경), else the contract itself. Never another holder's: it carries their details.
 */
export async function holderSealedDocument(tx: Db, contractId: number) {
  const [doc] = await tx
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.contractId, contractId),
        inArray(documents.kind, ["contract_sealed", "transfer_sealed"]),
      ),
    )
    .orderBy(desc(documents.id))
    .limit(1);
  return doc;
}

export async function storeDocument(
  tx: Db,
  input: { partnerId: number; contractId: number; kind: DocumentKind; bytes: Uint8Array; sealed: boolean },
): Promise<string> {
  const sha256 = sha256Hex(input.bytes);
  await tx.insert(documents).values({ ...input, sha256 });
  return sha256;
}

/** What the PDF shows, from the contract's frozen terms and parties. */
export async function contractDocument(tx: Db, contract: ContractRow): Promise<ContractDocument> {
  const assumedActivationOn = contract.activatedOn ?? contract.draftedOn;
  return {
    number: contract.number,
    draftedOn: contract.draftedOn,
    partner: await documentPartner(tx, contract.partnerId),
    customer: contract.party,
    product: { name: contract.productName, model: contract.productModel },
    terms: contract.terms,
    billingDay: contract.billingDay,
    installAddress: installAddressLine(contract),
    assumedActivationOn,
    schedule: billingSchedule({
      terms: contract.terms,
      activatedOn: assumedActivationOn,
      billingDay: contract.billingDay,
    }),
  };
}

/**
 * The document the customer reads and signs. Rendered once, when the contract is first sent,
 * and kept: its SHA-256 goes on the audit certificate, so it must never be re-rendered.
 */
export async function unsignedContractPdf(
  tx: Db,
  contract: ContractRow,
): Promise<{ bytes: Uint8Array; sha256: string }> {
  const stored = await latestDocument(tx, contract.id, "contract_unsigned");
  if (stored) return { bytes: stored.bytes, sha256: stored.sha256 };
  const bytes = await renderContractPdf(await contractDocument(tx, contract));
  const sha256 = await storeDocument(tx, {
    partnerId: contract.partnerId,
    contractId: contract.id,
    kind: "contract_unsigned",
    bytes,
    sealed: false,
  });
  await tx.update(contracts).set({ unsignedSha256: sha256 }).where(eq(contracts.id, contract.id));
  return { bytes, sha256 };
}
