import type { CoreServices } from '../../core';
import { SuppliesCatalogueService } from './catalogue.service';
import { SuppliesLedgerService } from './ledger.service';
import { SuppliesReceiptsService } from './receipts.service';
import { SuppliesRequisitionsService } from './requisitions.service';

export { REQUISITION_BUSINESS_TYPE, REQUISITION_TYPE } from './requisitions.service';

/**
 * The supplies module's one entry point, over its four services (catalogue and stock, receipts,
 * requisitions and issue, ledger and alerts). Stock changes lock the (store, item) row, compute
 * the moving average in fen (`supplies.cost.ts`) and write the movement, the stock and the audit
 * record in one transaction (`supplies.store.ts`).
 */
export class SuppliesService {
  readonly catalogue: SuppliesCatalogueService;
  readonly receiptsSvc: SuppliesReceiptsService;
  readonly requisitionsSvc: SuppliesRequisitionsService;
  readonly ledgerSvc: SuppliesLedgerService;

  constructor(readonly core: CoreServices) {
    this.catalogue = new SuppliesCatalogueService(core);
    this.receiptsSvc = new SuppliesReceiptsService(core);
    this.requisitionsSvc = new SuppliesRequisitionsService(core);
    this.ledgerSvc = new SuppliesLedgerService(core);
  }

  // The methods the routes and the demo call, each delegated to the service that owns it.
  stores: SuppliesCatalogueService['stores'] = (...a) => this.catalogue.stores(...a);
  listItems: SuppliesCatalogueService['listItems'] = (...a) => this.catalogue.listItems(...a);
  createItem: SuppliesCatalogueService['createItem'] = (...a) => this.catalogue.createItem(...a);
  updateItem: SuppliesCatalogueService['updateItem'] = (...a) => this.catalogue.updateItem(...a);
  stock: SuppliesCatalogueService['stock'] = (...a) => this.catalogue.stock(...a);
  alerts: SuppliesCatalogueService['alerts'] = (...a) => this.catalogue.alerts(...a);
  receipts: SuppliesReceiptsService['receipts'] = (...a) => this.receiptsSvc.receipts(...a);
  receive: SuppliesReceiptsService['receive'] = (...a) => this.receiptsSvc.receive(...a);
  requisitions: SuppliesRequisitionsService['requisitions'] = (...a) => this.requisitionsSvc.requisitions(...a);
  requisition: SuppliesRequisitionsService['requisition'] = (...a) => this.requisitionsSvc.requisition(...a);
  requisitionCreate: SuppliesRequisitionsService['requisitionCreate'] = (...a) => this.requisitionsSvc.requisitionCreate(...a);
  issue: SuppliesRequisitionsService['issue'] = (...a) => this.requisitionsSvc.issue(...a);
  ledger: SuppliesLedgerService['ledger'] = (...a) => this.ledgerSvc.ledger(...a);

  /** The daily minimum-stock alert (the module's job). */
  static alertKeepers = SuppliesLedgerService.alertKeepers;
}
