package io.offgridflow.connectors.azure.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.connectors.azure.CostExportSchema;

/**
 * Where the columns a cost-details file needs are, for either column set. EA (and pay-as-you-go)
 * and MCA files carry the same facts under different names and orders; older EA files say {@code
 * Cost} where newer ones say {@code CostInBillingCurrency}.
 */
final class CostColumns {
  final CostExportSchema schema;
  final int chargeType;
  final int date;
  final int subscription;
  final int resourceGroup;
  final int region;
  final int category;
  final int subCategory;
  final int meterName;
  final int unit;
  final int quantity;
  final int cost;

  CostColumns(String source, Header h) {
    if (h.has("BilledCost") && h.has("ChargeCategory")) {
      throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, source
          + ":1: this is a FOCUS export; export the ActualCost or AmortizedCost dataset (EA or MCA columns) instead");
    }
    if (h.has("resourceGroupName") || h.has("invoiceId") || h.has("costInUsd")) {
      schema = CostExportSchema.MCA;
    } else if (h.has("ResourceGroup") || h.has("AccountOwnerId") || h.has("AccountName")) {
      schema = CostExportSchema.EA;
    } else {
      throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, source + ":1: not an Azure cost-details"
          + " export: the header has neither MCA columns (resourceGroupName, invoiceId) nor EA columns (ResourceGroup,"
          + " AccountName); first columns: " + String.join(",", h.names().subList(0, Math.min(6, h.size()))));
    }
    chargeType = h.require("charge type", "ChargeType");
    date = h.require("usage date", "Date", "UsageDate");
    subscription = h.require("subscription", "SubscriptionId", "SubscriptionGuid");
    resourceGroup = h.require("resource group", "ResourceGroup", "resourceGroupName");
    region = h.require("resource location", "ResourceLocation", "ResourceLocationNormalized", "location");
    category = h.require("meter category", "MeterCategory");
    subCategory = h.require("meter subcategory", "MeterSubCategory");
    meterName = h.require("meter name", "MeterName");
    unit = h.require("unit of measure", "UnitOfMeasure");
    quantity = h.require("quantity", "Quantity", "UsageQuantity");
    cost = h.require("cost", "CostInBillingCurrency", "Cost", "PreTaxCost", "costInPricingCurrency");
  }
}
