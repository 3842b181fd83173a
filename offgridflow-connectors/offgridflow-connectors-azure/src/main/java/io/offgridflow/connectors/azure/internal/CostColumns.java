package io.offgridflow.connectors.azure.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.connectors.azure.CostExportSchema;

/**
 * Where the columns a cost-details file needs are, for any column set. EA (and pay-as-you-go)
 * and MCA files carry the same facts under different names and orders; older EA files say {@code
 * Cost} where newer ones say {@code CostInBillingCurrency}. FOCUS files carry them in other
 * columns, mapped here so that a FOCUS row feeds the classifier exactly the values the EA or MCA row
 * of the same usage would (see {@link #FOCUS_QUANTITY} and {@link #FOCUS_COST} for why those two).
 */
final class CostColumns {
  /**
   * FOCUS quantity column. Microsoft's conversion guide maps the classic {@code Quantity} to {@code
   * ConsumedQuantity} one to one ("Quantity in Cost Management is the consumed (usage) quantity") and
   * {@code PricingQuantity} to {@code Quantity / x_PricingBlockSize}; {@code x_PricingUnitDescription}
   * is the classic {@code UnitOfMeasure} verbatim ({@code 10 Hours}). So (x_PricingUnitDescription,
   * ConsumedQuantity) is the classic (UnitOfMeasure, Quantity) pair, and the classifier, which reads
   * the base unit from that pair (the quantity in hours, GB-months, ..., the block only a pricing
   * detail), gives the same kWh for both exports of the same usage.
   */
  static final String FOCUS_QUANTITY = "ConsumedQuantity";
  /**
   * FOCUS cost column: {@code EffectiveCost} (amortized). Microsoft maps the classic {@code
   * CostInBillingCurrency} to {@code BilledCost} for actual-cost and to {@code EffectiveCost} for
   * amortized-cost data; the cost only feeds the kWh-per-cost fallback for unknown usage, where the
   * amortized cost is the one that follows consumption (actual cost is 0 on reservation-covered usage
   * and lumps the purchase on a row that is ignored). A FOCUS export therefore gives the numbers of
   * the amortized-cost EA or MCA export of the same scope.
   */
  static final String FOCUS_COST = "EffectiveCost";

  final CostExportSchema schema;
  /** {@code ChargeType} (EA, MCA) or {@code ChargeCategory} (FOCUS). */
  final int chargeType;
  /** FOCUS {@code ChargeClass} (-1 when absent or not FOCUS). */
  final int chargeClass;
  /** FOCUS {@code CommitmentDiscountStatus} (-1 when absent or not FOCUS). */
  final int commitmentStatus;
  final int date;
  final int subscription;
  final int resourceGroup;
  final int region;
  /** FOCUS {@code RegionName}, read when {@code RegionId} is empty (-1 otherwise). */
  final int regionName;
  final int category;
  final int subCategory;
  final int meterName;
  final int unit;
  final int quantity;
  final int cost;

  CostColumns(String source, Header h) {
    if (h.has("BilledCost") && h.has("ChargeCategory")) {
      schema = CostExportSchema.FOCUS;
      chargeType = h.require("charge category", "ChargeCategory");
      chargeClass = h.find("ChargeClass");
      commitmentStatus = h.find("CommitmentDiscountStatus");
      date = h.require("charge period start", "ChargePeriodStart");
      // 1.2-preview adds x_SubscriptionId (the GUID); 1.0 has SubAccountId (/subscriptions/<GUID>).
      subscription = h.require("sub account", "x_SubscriptionId", "SubAccountId");
      resourceGroup = h.require("resource group", "x_ResourceGroupName");
      int id = h.find("RegionId");
      int name = h.find("RegionName");
      region = id >= 0 ? id : h.require("region", "RegionId", "RegionName");
      regionName = id >= 0 ? name : -1;
      category = h.require("meter category", "x_SkuMeterCategory");
      subCategory = h.require("meter subcategory", "x_SkuMeterSubcategory");
      meterName = h.require("meter name", "x_SkuMeterName", "SkuMeter");
      unit = h.require("pricing unit description", "x_PricingUnitDescription");
      quantity = h.require("consumed quantity", FOCUS_QUANTITY);
      cost = h.require("effective cost", FOCUS_COST);
      return;
    }
    if (h.has("resourceGroupName") || h.has("invoiceId") || h.has("costInUsd")) {
      schema = CostExportSchema.MCA;
    } else if (h.has("ResourceGroup") || h.has("AccountOwnerId") || h.has("AccountName")) {
      schema = CostExportSchema.EA;
    } else {
      throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, source + ":1: not an Azure cost-details"
          + " export: the header has neither MCA columns (resourceGroupName, invoiceId), EA columns (ResourceGroup,"
          + " AccountName) nor FOCUS columns (BilledCost, ChargeCategory); first columns: "
          + String.join(",", h.names().subList(0, Math.min(6, h.size()))));
    }
    chargeType = h.require("charge type", "ChargeType");
    chargeClass = -1;
    commitmentStatus = -1;
    date = h.require("usage date", "Date", "UsageDate");
    subscription = h.require("subscription", "SubscriptionId", "SubscriptionGuid");
    resourceGroup = h.require("resource group", "ResourceGroup", "resourceGroupName");
    region = h.require("resource location", "ResourceLocation", "ResourceLocationNormalized", "location");
    regionName = -1;
    category = h.require("meter category", "MeterCategory");
    subCategory = h.require("meter subcategory", "MeterSubCategory");
    meterName = h.require("meter name", "MeterName");
    unit = h.require("unit of measure", "UnitOfMeasure");
    quantity = h.require("quantity", "Quantity", "UsageQuantity");
    cost = h.require("cost", "CostInBillingCurrency", "Cost", "PreTaxCost", "costInPricingCurrency");
  }

  boolean focus() {
    return schema == CostExportSchema.FOCUS;
  }

  /** Every column index the rows need (absent optional ones are -1 and ignored by the selection). */
  int[] selected() {
    return new int[] {chargeType, chargeClass, commitmentStatus, date, subscription, resourceGroup, region, regionName,
        category, subCategory, meterName, unit, quantity, cost};
  }
}
