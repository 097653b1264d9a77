/** The source: catalog of keys, bucket listing, S3 and local mirror into landing. */
package quantmini.download;
