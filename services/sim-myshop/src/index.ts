/** Simulator of the myShop / mijnwinkel.nl order pull RPC (see README). */
export { buildMyshopSimulator, type MyshopSimulator } from './app.js';
export { EXPORT_XML_NAMES } from './domain/export-xml-names.js';
export type { CreateOrderInput } from './domain/order-input-schema.js';
export { ordersListPk, sha1Hex, shopInfoPk, stockUpdatePk } from './domain/pk.js';
export { PRODUCT_LIST_FILE_NAME, PRODUCT_LIST_XML_NAMES } from './domain/product-list-xml.js';
export { zipOneFile } from './domain/zip-file.js';
export { PRODUCT_LIST_MODULE, productListPk } from './routes/productlist-routes.js';
export type { Order, Partner, Shop, ShopInput, SimulatorState } from './domain/state.js';
export type { MyshopSimulatorOptions } from './options.js';
