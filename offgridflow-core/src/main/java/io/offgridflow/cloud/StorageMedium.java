package io.offgridflow.cloud;

/**
 * Storage media with distinct CCF coefficients (Wh per TB-hour).
 *
 * <pre>{@code
 * double kwh = model.storageKwh(CloudProvider.AWS, StorageMedium.SSD, 720, 1);
 * }</pre>
 */
public enum StorageMedium {
  SSD,
  HDD
}
