import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { LabelCategoriesController } from './label-categories.controller';
import { LabelCategoriesService } from './label-categories.service';

@Module({
  imports: [UpstreamModule],
  controllers: [LabelCategoriesController],
  providers: [LabelCategoriesService],
})
export class LabelCategoriesModule {}
