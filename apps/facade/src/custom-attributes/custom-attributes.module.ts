import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { CustomAttributesController } from './custom-attributes.controller';
import { CustomAttributesService } from './custom-attributes.service';

@Module({
  imports: [UpstreamModule],
  controllers: [CustomAttributesController],
  providers: [CustomAttributesService],
})
export class CustomAttributesModule {}
