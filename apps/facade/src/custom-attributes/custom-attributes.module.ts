import { Module } from '@nestjs/common';
import { CustomAttributesController } from './custom-attributes.controller';
import { CustomAttributesService } from './custom-attributes.service';

@Module({ controllers: [CustomAttributesController], providers: [CustomAttributesService] })
export class CustomAttributesModule {}
