// The socket client as a file of its own, fetched by the classic script only when a socket is used.
export { Socket } from 'phoenix';
