package quantmini.core.profile;

/** The storage under the data root, where the operating system tells. */
public enum DiskKind { SSD, HDD, UNKNOWN }
