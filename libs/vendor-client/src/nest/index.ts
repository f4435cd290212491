// The Nest module, apart from the main entry so that a plain Node app never loads @nestjs/*.
export * from './vendor-client.module';
